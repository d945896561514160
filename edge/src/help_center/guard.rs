//! The guard rail of a publish: the locale's regression queries run against the index users have
//! now and the one about to replace it (`kb::regression`, over faq-data's own search and scoring).
//! The index users have is read whole from where it is served (R2, else the static build) and
//! kept per isolate by its core's name, which a publish's own new index then takes over: the next
//! publish in the same isolate reads nothing.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use faq_data::Index;
use wire::kb::GuardReport;
use worker::Env;

use super::{files, serve};
use super::publish::Publisher;
use crate::api::ApiError;
use crate::store::kb_queries;

thread_local! {
    /// Per site and locale: the core name of the index last read or published here, and that
    /// index whole.
    static CURRENT: RefCell<HashMap<String, (String, Rc<Index>)>> = RefCell::new(HashMap::new());
}

/// How `after` does against what `locale` serves now, and whether MRR@5 dropped. A locale with
/// nothing served yet has nothing to fall from.
pub async fn check(publisher: &Publisher<'_>, site: &str, locale: &str, after: &Index) -> Result<(GuardReport, bool), ApiError> {
    let queries = kb_queries::list(publisher.db, site, locale, None).await?;
    let before = match serve::current_files(publisher.env, site, locale).await? {
        Some(listed) if !queries.is_empty() => Some(current(publisher.env, &key(site, locale), &listed).await?),
        _ => None,
    };
    let failed = |e: faq_data::Missing| ApiError::Internal(format!("guard for {locale}: {e}"));
    kb::regression::guard(before.as_deref().unwrap_or(after), after, &queries).map_err(failed)
}

/// `index` (whose core is `core`) is what `locale` of `site` serves from now on.
pub fn published(site: &str, locale: &str, core: &str, index: Index) {
    CURRENT.with(|c| c.borrow_mut().insert(key(site, locale), (core.to_string(), Rc::new(index))));
}

fn key(site: &str, locale: &str) -> String {
    format!("{site}/{locale}")
}

async fn current(env: &Env, key: &str, listed: &wire::kb::PublishedFiles) -> Result<Rc<Index>, ApiError> {
    if let Some(index) = CURRENT.with(|c| c.borrow().get(key).filter(|(core, _)| *core == listed.core).map(|(_, index)| index.clone())) {
        return Ok(index);
    }
    let unreadable = |name: &str, e: faq_data::IndexError| ApiError::Internal(format!("index {name}: {e}"));
    let mut index = Index::from_core(serve::bytes(env, &listed.core).await?).map_err(|e| unreadable(&listed.core, e))?;
    for (part, name) in files::search_parts(listed) {
        index.add_part(part, serve::bytes(env, name).await?).map_err(|e| unreadable(name, e))?;
    }
    let index = Rc::new(index);
    CURRENT.with(|c| c.borrow_mut().insert(key.to_string(), (listed.core.clone(), index.clone())));
    Ok(index)
}
