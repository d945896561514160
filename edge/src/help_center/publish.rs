//! A locale's publish: what is live (with the change being published applied) → faq-data's
//! builder → files in R2 → one D1 batch that switches the locale's publication only if no other
//! publish switched it since it was read, together with the change's own writes and its audit
//! record. A publish that loses the race writes nothing to D1 (its R2 files, named by content,
//! are harmless) and is built again from what is then stored. Before anything is stored, the
//! locale's regression queries run against the index users have and the new one (`guard.rs`): a
//! lower MRR@5 without the editor's confirmation is refused with the figures, nothing written.

use kb::compile::{locale_content, LiveArticle};
use wire::kb::{Article, GuardReport, Publication};
use wire::team::AuditAction;
use worker::{console_error, D1Database, D1PreparedStatement, Env};

use super::{files, guard};
use crate::api::{ApiError, Call};
use crate::store::audit::{self, Actor};
use crate::store::kb as store;

/// The audit record's words for a publish's guard: MRR@5 before and after on how many regression
/// queries, how many got worse (a drop was published only if the editor confirmed it).
pub fn guard_detail(report: &GuardReport) -> [(&'static str, String); 4] {
    [
        ("regression_queries", report.queries.to_string()),
        ("mrr_before", format!("{:.3}", report.mrr_before)),
        ("mrr_after", format!("{:.3}", report.mrr_after)),
        ("worse", report.worse.len().to_string()),
    ]
}

/// What a publish works with: the worker's bindings, D1, and the moment it happens (a request's,
/// or the scheduled sweep's).
pub struct Publisher<'a> {
    pub env: &'a Env,
    pub db: &'a D1Database,
    pub now: i64,
}

impl<'a> Publisher<'a> {
    pub fn of(call: &'a Call) -> Publisher<'a> {
        Publisher { env: &call.env, db: &call.db, now: call.now }
    }
}

/// How often a change is built again after losing to other publishes before the editor is asked
/// to send it again.
pub const ATTEMPTS: usize = 4;

/// Builds and switches `locale` with `changed` (the article as it will be stored, if the publish
/// is for one) and `then` (the change's writes, each conditional one followed by a guard, and
/// its audit record, which says how the regression queries did: [`guard_detail`]).
/// `None`: a condition no longer held (another publish, or the article changed); nothing was
/// stored, read again and retry. A drop of MRR@5 on the regression queries is
/// [`ApiError::Regression`] unless `confirmed`.
pub async fn attempt(
    publisher: &Publisher<'_>,
    site: &str,
    locale: &str,
    changed: Option<&Article>,
    confirmed: bool,
    then: impl FnOnce(&GuardReport) -> Result<Vec<D1PreparedStatement>, ApiError>,
) -> Result<Option<(Publication, GuardReport)>, ApiError> {
    let generation = store::publication(publisher.db, site, locale).await?.map_or(0, |p| p.generation);
    let mut live = store::live_articles(publisher.db, site, locale).await?;
    if let Some(article) = changed {
        live.retain(|a| a.id != article.id);
        if article.live_version.is_some() {
            let votes = store::votes(publisher.db, site, &article.id).await?;
            live.push(LiveArticle { id: article.id.clone(), article: article.draft.clone(), votes });
            live.sort_by(|a, b| a.id.cmp(&b.id));
        }
    }
    let categories = store::categories(publisher.db, site, locale).await?;
    let vocabulary = store::vocabulary(publisher.db, site, locale).await?;
    let content = locale_content(locale, &categories, &live, &vocabulary)?;
    let built = faq_data::build::write_locale(&content).map_err(|e| ApiError::Internal(format!("building {locale}: {e}")))?;
    let after = built.open().map_err(|e| ApiError::Internal(format!("reading the new {locale} index: {e}")))?;
    let (report, dropped) = guard::check(publisher, site, locale, &after).await?;
    if dropped && !confirmed {
        return Err(ApiError::Regression(Box::new(report)));
    }
    let (named, listed) = files::named(locale, built).await?;
    files::store(publisher.env, &named).await?;
    let publication = Publication {
        locale: locale.to_string(),
        generation: generation + 1,
        files: listed,
        articles: live.len() as i64,
        at: publisher.now,
    };
    let mut batch = vec![store::switch_publication(publisher.db, site, &publication)?, store::guard(publisher.db)?];
    batch.extend(then(&report)?);
    match publisher.db.batch(batch).await {
        Ok(_) => {
            guard::published(site, locale, &publication.files.core, after);
            Ok(Some((publication, report)))
        }
        Err(error) if store::guard_failed(&error) => Ok(None),
        Err(error) => Err(error.into()),
    }
}

/// Locales the scheduled sweep builds again in one run; the rest wait for the next.
const REBUILDS_PER_RUN: u32 = 4;

/// Builds again, from what is live, each locale published in another index format than this
/// worker's (a deploy changed the format; meanwhile its widgets get the static build). The
/// articles are the ones editors published, so a drop on the regression queries against the
/// static build does not hold them back. A locale that loses a race to an editor's publish was
/// rebuilt by it; one that fails is logged and tried again at the next run. How many switched.
pub async fn rebuild_outdated(env: &Env, now: i64) -> Result<usize, ApiError> {
    let db = env.d1("DB")?;
    let publisher = Publisher { env, db: &db, now };
    let mut rebuilt = 0;
    for (site, locale) in store::outdated_publications(&db, REBUILDS_PER_RUN).await? {
        let actor = Actor { site: site.clone(), id: None, name: "index format upgrade".into(), ip: None, user_agent: None };
        let then = |guard: &GuardReport| {
            let mut detail = vec![("locale", locale.clone()), ("format_version", faq_data::FORMAT_VERSION.to_string())];
            detail.extend(guard_detail(guard));
            Ok(vec![audit::record(&db, &actor, now, AuditAction::HelpCenterPublished, Some(&locale), &audit::detail(&detail))?])
        };
        match attempt(&publisher, &site, &locale, None, true, then).await {
            Ok(switched) => rebuilt += usize::from(switched.is_some()),
            Err(error) => console_error!("rebuilding {site}/{locale} in index format {}: {error:?}", faq_data::FORMAT_VERSION),
        }
    }
    Ok(rebuilt)
}
