//! The knowledge base in and out as a whole. An import reads a Zendesk Help Center export or a
//! content folder (a tar archive) with faq-data's own readers (`faq import`'s and `faq build`'s),
//! plans it over what is stored with `kb`'s rules, and stores all of it in one D1 batch with its
//! audit record, answering with exactly what was stored, left alone and skipped (and why); asked
//! to, it then publishes each locale it touched. The export hands out every locale as the
//! content folder `faq build` reads (`faq-data/content`'s layout), in one tar archive.

use faq_data::build::load::load_files;
use std::collections::BTreeMap;

use faq_data::build::{archive, tree, zendesk, Content};
use faq_data::render::{image_sources, published_html};
use kb::article::{check_locale, Edit};
use kb::compile::locale_content;
use kb::import::{check_publishing, plan, records, Skipped};
use kb::vocabulary;
use wire::error::{ErrorCode, ErrorDetail};
use wire::kb::{Article, BodyFormat, ImportImage, ImportProblem, ImportRefused, ImportReport, ImportSkipped, ImportSource, ImportedArticle, PublishFailure};
use wire::limits::{IMPORT_ARTICLES, IMPORT_BYTES};
use wire::team::AuditAction;
use worker::{Headers, Request, Response};

use crate::api::caller::{agent_site, Agent};
use crate::api::{given, reply, upload, ApiError, Call};
use crate::help_center::images;
use crate::routes::kb_settings;
use crate::routes::kb_tree::publish_audited;
use crate::store::audit::{self, Actor};
use crate::store::kb as store;
use crate::store::kb_io;

/// `POST /api/v1/kb/imports?source=zendesk|folder&publish=true|false&confirm_regression=true|false`,
/// the file as the body. Where the site requires review, an import stores drafts only.
pub async fn import(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let source = match given(&req, "source")?.as_deref() {
        Some("zendesk") => ImportSource::Zendesk,
        Some("folder") => ImportSource::Folder,
        _ => return Err(ApiError::invalid("source", "say what the file is: source=zendesk (a Help Center export) or source=folder (a content folder as .tar)")),
    };
    let publish = flag(&req, "publish")?;
    let confirmed = flag(&req, "confirm_regression")?;
    check_publishing(publish, kb_settings::review(&call, &agent.site).await?)?;
    let bytes = upload(&mut req, IMPORT_BYTES).await?;
    let (content, mut skipped) = match read(source, &bytes)? {
        Ok(read) => read,
        Err(problems) => return refused(problems),
    };
    let site_locales = &agent_site(&agent)?.locales;
    let (mut records, unsaveable) = records(&content);
    skipped.extend(unsaveable);
    let count: usize = records.iter().map(|(_, imported)| imported.articles.len()).sum();
    if count > IMPORT_ARTICLES {
        return Err(ApiError::invalid("articles", format!("at most {IMPORT_ARTICLES} articles an import ({count} given): split the export")));
    }
    let edit = Edit { at: call.now, by: &agent.name, by_id: &agent.id };
    let images = copy_images(&call, &mut records, site_locales).await?;
    let mut report = ImportReport { created: vec![], updated: vec![], unchanged: vec![], skipped: vec![], categories: 0, sections: 0, published: vec![], publish_failed: vec![], images };
    let mut writes = Vec::new();
    let mut touched = Vec::new();
    for (locale, imported) in records {
        if let Err(e) = check_locale(&locale, site_locales) {
            let reason = e.to_string();
            skipped.extend(imported.articles.iter().map(|(id, draft, _)| Skipped { kind: "article", id: id.clone(), title: draft.title.clone(), reason: reason.clone() }));
            continue;
        }
        let stored = kb_io::stored(&call.db, &agent.site, &imported).await?;
        // A folder is the locale's source of truth, vocabulary included when it has one.
        let words = (source == ImportSource::Folder && imported.vocabulary != Default::default()).then(|| vocabulary::check(&imported.vocabulary)).transpose()?;
        let plan = plan(&locale, imported, &stored, publish, edit);
        for c in &plan.categories {
            writes.push(kb_io::put_category(&call.db, &agent.site, c)?);
            writes.extend(c.sections.iter().map(|s| kb_io::put_section(&call.db, &agent.site, s)).collect::<Result<Vec<_>, _>>()?);
            report.categories += 1;
            report.sections += c.sections.len() as i64;
        }
        for (article, version, votes) in &plan.created {
            writes.push(store::insert_article(&call.db, &agent.site, article)?);
            writes.extend(version.iter().map(|v| store::insert_version(&call.db, &agent.site, &article.id, v)).collect::<Result<Vec<_>, _>>()?);
            if *votes != 0 {
                writes.push(kb_io::set_votes(&call.db, &agent.site, &article.id, *votes)?);
            }
            report.created.push(listed(article));
        }
        for (article, base, version) in &plan.updated {
            // An editor's save since the import read it fails the guard, and the whole batch.
            writes.push(store::update_article(&call.db, &agent.site, article, *base)?);
            writes.push(store::guard(&call.db)?);
            writes.extend(version.iter().map(|v| store::insert_version(&call.db, &agent.site, &article.id, v)).collect::<Result<Vec<_>, _>>()?);
            report.updated.push(listed(article));
        }
        if let Some(words) = &words {
            writes.push(store::put_vocabulary(&call.db, &agent.site, &locale, words, call.now)?);
        }
        report.unchanged.extend(plan.unchanged.iter().map(listed));
        skipped.extend(plan.skipped);
        touched.push(locale);
    }
    report.skipped = skipped.into_iter().map(|s| ImportSkipped { kind: s.kind.to_string(), id: s.id, title: s.title, reason: s.reason }).collect();
    let actor = Actor::of(&req, &agent.site, Some(&agent.id), &agent.name)?;
    let detail = [
        ("source", if source == ImportSource::Zendesk { "zendesk" } else { "folder" }.to_string()),
        ("created", report.created.len().to_string()),
        ("updated", report.updated.len().to_string()),
        ("skipped", report.skipped.len().to_string()),
        ("locales", touched.join(" ")),
        ("published", publish.to_string()),
    ];
    writes.push(audit::record(&call.db, &actor, call.now, AuditAction::KnowledgeBaseImported, None, &audit::detail(&detail))?);
    match call.db.batch(writes).await {
        Ok(_) => {}
        Err(e) if store::guard_failed(&e) => return Err(ApiError::Conflict("an article changed while the import was read; nothing was stored, send it again")),
        Err(e) => return Err(e.into()),
    }
    if publish {
        // Every locale the import holds, changed or not: a publish refused earlier (or a locale
        // whose live articles were stored by an import that could not build it) goes live now.
        for locale in &touched {
            // What is stored stays stored: a publish that fails is reported, never an error that
            // would read as "nothing was imported". The regression guard holds here as for any
            // publish: a drop is reported with its figures, and the locale's own publish (or this
            // import sent with confirm_regression) puts it live anyway.
            match publish_audited(&req, &call, &agent, locale, confirmed).await {
                Ok(publication) => report.published.push(publication),
                Err(error) => {
                    let message = error.message();
                    let guard = if let ApiError::Regression(guard) = error { Some(*guard) } else { None };
                    report.publish_failed.push(PublishFailure { locale: locale.clone(), message, guard });
                }
            }
        }
    }
    reply(200, &report)
}

/// A query parameter that is `true` or `false` (absent: false).
fn flag(req: &Request, name: &str) -> Result<bool, ApiError> {
    match given(req, name)?.as_deref() {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(_) => Err(ApiError::invalid(name, format!("{name} is true or false"))),
    }
}

/// At most this many images on other hosts are fetched by one import (each is a subrequest).
const COPIED_IMAGES: usize = 50;

/// Each image on another host in the records: fetched into R2 and the body pointed at the help
/// host's copy, or left where it is with the reason. Done before the import is planned, so a
/// second import of the same export compares the same bodies and changes nothing.
async fn copy_images(call: &Call, records: &mut [(String, kb::import::Imported)], site_locales: &[String]) -> Result<Vec<ImportImage>, ApiError> {
    let own = format!("{}/kb-images/", crate::mail::public_origin(&call.env)?);
    let mut fetched: BTreeMap<String, Result<String, String>> = BTreeMap::new();
    let mut report = Vec::new();
    // A locale the site does not serve is skipped whole: nothing of it is fetched.
    for (_, imported) in records.iter_mut().filter(|(locale, _)| site_locales.contains(locale)) {
        for (id, draft, _) in imported.articles.iter_mut() {
            let html = published_html(&draft.body, draft.format == BodyFormat::Markdown);
            for url in image_sources(&html).into_iter().filter(|u| !u.starts_with(&own)) {
                if !fetched.contains_key(&url) {
                    let outcome = if fetched.len() < COPIED_IMAGES { images::copy(&call.env, &url).await } else { Err(format!("not fetched: more than {COPIED_IMAGES} images in one import")) };
                    fetched.insert(url.clone(), outcome.map(|name| format!("{own}{name}")));
                }
                let (copied_to, reason) = match &fetched[&url] {
                    Ok(copy) if draft.body.contains(&url) => {
                        draft.body = draft.body.replace(&url, copy);
                        (Some(copy.clone()), None)
                    }
                    Ok(_) => (None, Some("copied, but its address is written differently in the body".to_string())),
                    Err(reason) => (None, Some(reason.clone())),
                };
                report.push(ImportImage { article: id.clone(), url, copied_to, reason });
            }
        }
    }
    Ok(report)
}

/// The file read by faq-data's own reader for its kind: the content with what the reader left
/// out, or (a folder) every problem by file, or 400 for a file that is not of the kind at all.
fn read(source: ImportSource, bytes: &[u8]) -> Result<Result<(Content, Vec<Skipped>), Vec<ImportProblem>>, ApiError> {
    match source {
        ImportSource::Zendesk => {
            let text = std::str::from_utf8(bytes).map_err(|_| ApiError::BadRequest("a Zendesk export is JSON text in UTF-8".into()))?;
            zendesk::parse_export(text).map(Ok).map_err(|e| ApiError::BadRequest(format!("not a Zendesk Help Center export (categories, sections, articles): {e}")))
        }
        ImportSource::Folder => {
            let files = archive::unpack(bytes).map_err(ApiError::BadRequest)?;
            let (content, problems) = load_files(&files);
            if problems.is_empty() {
                Ok(Ok((content, Vec::new())))
            } else {
                Ok(Err(problems.into_iter().map(|p| ImportProblem { path: p.path.display().to_string(), line: p.line as i64, message: p.message }).collect()))
            }
        }
    }
}

/// 422 with each problem of the folder by file; nothing stored.
fn refused(problems: Vec<ImportProblem>) -> Result<Response, ApiError> {
    let message = format!("the folder has {} problem(s); nothing was imported", problems.len());
    let error = ErrorDetail { code: ErrorCode::Invalid, message, field: Some("archive".into()) };
    reply(ErrorCode::Invalid.status(), &ImportRefused { error, problems })
}

fn listed(a: &Article) -> ImportedArticle {
    ImportedArticle { id: a.id.clone(), locale: a.locale.clone(), title: a.draft.title.clone() }
}

/// `GET /api/v1/kb/export`: every locale of the site as a content folder, in a tar archive.
pub async fn export(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let mut content = Content::default();
    let mut articles = 0;
    for locale in &agent_site(&agent)?.locales {
        let categories = store::categories(&call.db, &agent.site, locale).await?;
        let copies = kb_io::working_copies(&call.db, &agent.site, locale).await?;
        let words = store::vocabulary(&call.db, &agent.site, locale).await?;
        articles += copies.len();
        content.locales.push(locale_content(locale, &categories, &copies, &words)?);
    }
    let files = tree::tree_files(&content).map_err(ApiError::Internal)?;
    let bytes = archive::pack(&files).map_err(ApiError::Internal)?;
    let actor = Actor::of(&req, &agent.site, Some(&agent.id), &agent.name)?;
    let detail = audit::detail(&[("articles", articles.to_string()), ("bytes", bytes.len().to_string())]);
    audit::record(&call.db, &actor, call.now, AuditAction::KnowledgeBaseExported, None, &detail)?.run().await?;
    let headers = Headers::new();
    headers.set("content-type", "application/x-tar")?;
    headers.set("content-disposition", &format!("attachment; filename=\"help-center-{}.tar\"", agent.site))?;
    headers.set("cache-control", "no-store")?;
    Ok(Response::from_bytes(bytes)?.with_headers(headers))
}
