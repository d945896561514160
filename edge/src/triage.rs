//! The edge's own escalation judgement: faq-data's triage over what the requester wrote (subject,
//! description, their lines to the bot), with the cue lists compiled into the published index of
//! the ticket's locale (the latest publish, from the next ticket on). The same code the widget
//! runs, so what a client claims cannot raise or hide a ticket's urgency.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use faq_data::Index;
use wire::chat::Speaker;
use wire::tickets::{NewTicket, TriageReason};
use worker::Env;

use crate::api::ApiError;
use crate::help_center::serve;

thread_local! {
    /// Parsed index cores by file name. A name is its content (a publish makes a new one), so a
    /// parsed core never goes stale; only the manifest is read per request. Triage needs the
    /// core alone (cues, pinyin table, term dictionary), never a chunk.
    static INDEXES: RefCell<HashMap<String, Rc<Index>>> = RefCell::new(HashMap::new());
}

/// Why a person should step in now, for a ticket request in `locale` of `site`.
pub async fn judge(env: &Env, site: &str, locale: &str, request: &NewTicket) -> Result<Vec<TriageReason>, ApiError> {
    let index = index_for(env, site, locale).await?;
    let user_lines = request.context.bot_transcript.iter().filter(|l| l.speaker == Speaker::User).map(|l| l.text.as_str());
    let text: Vec<&str> = [request.subject.as_str(), request.description.as_str()].into_iter().chain(user_lines).collect();
    let found = index.triage(&text.join("\n"));
    Ok(found.reasons.iter().map(|&r| TriageReason::from(r)).collect())
}

async fn index_for(env: &Env, site: &str, locale: &str) -> Result<Rc<Index>, ApiError> {
    let name = serve::index_name(env, site, locale).await?.ok_or_else(|| ApiError::Internal(format!("no published index for {locale}")))?;
    if let Some(index) = INDEXES.with(|cache| cache.borrow().get(&name).cloned()) {
        return Ok(index);
    }
    let bytes = serve::bytes(env, &name).await?;
    let index = Rc::new(Index::from_core(bytes).map_err(|e| ApiError::Internal(format!("index {name}: {e}")))?);
    INDEXES.with(|cache| {
        let mut cache = cache.borrow_mut();
        // One locale's older indexes are not read again: keep the cache to what is current.
        cache.retain(|cached, _| !cached.starts_with(&format!("{locale}.")));
        cache.insert(name, index.clone());
    });
    Ok(index)
}
