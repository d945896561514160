//! The edge's own escalation judgement: faq-data's triage over what the requester wrote (subject,
//! description, their lines to the bot), with the cue lists compiled into the published index of
//! the ticket's locale. The same code the widget runs, so what a client claims cannot raise or
//! hide a ticket's urgency.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use faq_data::Index;
use serde::Deserialize;
use wire::chat::Speaker;
use wire::tickets::{NewTicket, TriageReason};
use worker::Env;

use crate::api::ApiError;

/// The assets binding answers any host; the path is what matters.
const ASSETS: &str = "https://assets.invalid";

thread_local! {
    /// Parsed index cores by locale. The assets are deployed together with this code, so within
    /// one isolate a locale's published index never changes: it is read once, not per request.
    /// Triage needs the core alone (cues, pinyin table, term dictionary), never a chunk.
    static INDEXES: RefCell<HashMap<String, Rc<Index>>> = RefCell::new(HashMap::new());
}

#[derive(Deserialize)]
struct Published {
    core: String,
}

/// Why a person should step in now, for a ticket request in `locale`.
pub async fn judge(env: &Env, locale: &str, request: &NewTicket) -> Result<Vec<TriageReason>, ApiError> {
    let index = index_for(env, locale).await?;
    let user_lines = request.context.bot_transcript.iter().filter(|l| l.speaker == Speaker::User).map(|l| l.text.as_str());
    let text: Vec<&str> = [request.subject.as_str(), request.description.as_str()].into_iter().chain(user_lines).collect();
    let found = index.triage(&text.join("\n"));
    Ok(found.reasons.iter().map(|&r| TriageReason::from(r)).collect())
}

async fn index_for(env: &Env, locale: &str) -> Result<Rc<Index>, ApiError> {
    if let Some(index) = INDEXES.with(|cache| cache.borrow().get(locale).cloned()) {
        return Ok(index);
    }
    let assets = env.assets("ASSETS")?;
    let manifest: HashMap<String, Published> = assets.fetch(format!("{ASSETS}/index/manifest.json"), None).await?.json().await?;
    let name = &manifest.get(locale).ok_or_else(|| ApiError::Internal(format!("no published index for {locale}")))?.core;
    let mut response = assets.fetch(format!("{ASSETS}/index/{name}"), None).await?;
    if response.status_code() != 200 {
        return Err(ApiError::Internal(format!("index {name}: HTTP {}", response.status_code())));
    }
    let index = Rc::new(Index::from_core(response.bytes().await?).map_err(|e| ApiError::Internal(format!("index {name}: {e}")))?);
    INDEXES.with(|cache| cache.borrow_mut().insert(locale.to_string(), index.clone()));
    Ok(index)
}
