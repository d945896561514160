//! The knowledge base's editor routes (edge/openapi.yaml under /api/v1/kb): a locale's tree and
//! articles, one article, its drafts, review (request, send back, approve by publishing),
//! publish, versions and rollback, the guard rail's regression queries and an article's
//! feedback. A change made on an older revision comes back as [`Saved::Conflict`] with both
//! versions, and a publish that would lower MRR@5 as [`Saved::Regression`] with the figures,
//! never as a bare error.

use browser_kit::http::{answer, EdgeError};
use browser_kit::js;
use wasm_bindgen::JsValue;
use wire::kb::{
    Article, ArticleAction, ArticleConflict, ArticleDraft, ArticleFeedback, ArticleList, ArticleSave, ArticleStatsList, CategoryTree, GuardReport, ImportProblem, ImportRefused, ImportReport, KbSettings, NewArticle, NewOrder, NewQuestion,
    NewRegressionQuery, Publication, PublishLocale, Published, QueryOrigin, RegressionQuery, RegressionQueryList, RegressionRefused, Rename, Rollback, SendBack, UploadedImage, VersionList,
};

use super::{encode, unreadable, Api};

/// What an import came to.
#[derive(Clone, Debug, PartialEq)]
pub enum Imported {
    Stored(ImportReport),
    /// A folder that cannot be read as it stands: each problem, by file; nothing was stored.
    Refused(Vec<ImportProblem>),
}

/// What a save (or another change on a revision) came to.
#[derive(Clone, Debug, PartialEq)]
pub enum Saved<T> {
    Stored(T),
    /// Someone changed the article since this editor read it: what is stored now and, for a
    /// save, the draft that was sent.
    Conflict(Box<ArticleConflict>),
    /// A publish that would make the regression queries do worse: nothing switched; the editor
    /// may send it again confirmed.
    Regression(Box<GuardReport>),
}

impl Api {
    pub async fn kb_categories(&self, locale: &str) -> Result<CategoryTree, EdgeError> {
        self.call("GET", &format!("/kb/categories?locale={}", encode(locale)), None::<&()>).await
    }

    pub async fn kb_rename_category(&self, id: &str, name: &str) -> Result<CategoryTree, EdgeError> {
        self.call("PATCH", &format!("/kb/categories/{}", encode(id)), Some(&Rename { name: name.to_string() })).await
    }

    pub async fn kb_rename_section(&self, id: &str, name: &str) -> Result<CategoryTree, EdgeError> {
        self.call("PATCH", &format!("/kb/sections/{}", encode(id)), Some(&Rename { name: name.to_string() })).await
    }

    /// Every category of `locale`, in the new order.
    pub async fn kb_order_categories(&self, locale: &str, ids: &[String]) -> Result<CategoryTree, EdgeError> {
        self.call("PUT", "/kb/categories/order", Some(&NewOrder { parent: locale.to_string(), ids: ids.to_vec() })).await
    }

    /// Every section of `category`, in the new order.
    pub async fn kb_order_sections(&self, category: &str, ids: &[String]) -> Result<CategoryTree, EdgeError> {
        self.call("PUT", "/kb/sections/order", Some(&NewOrder { parent: category.to_string(), ids: ids.to_vec() })).await
    }

    pub async fn kb_delete_category(&self, id: &str) -> Result<CategoryTree, EdgeError> {
        self.call("DELETE", &format!("/kb/categories/{}", encode(id)), None::<&()>).await
    }

    pub async fn kb_delete_section(&self, id: &str) -> Result<CategoryTree, EdgeError> {
        self.call("DELETE", &format!("/kb/sections/{}", encode(id)), None::<&()>).await
    }

    /// The locale's help center built again from what is live (and its tree); a drop on its
    /// regression queries comes back as [`Saved::Regression`] unless `confirm_regression`.
    pub async fn kb_publish_locale(&self, locale: &str, confirm_regression: bool) -> Result<Saved<Publication>, EdgeError> {
        self.revision_call("POST", &format!("/kb/publications/{}", encode(locale)), &PublishLocale { confirm_regression }).await
    }

    pub async fn kb_settings(&self) -> Result<KbSettings, EdgeError> {
        self.call("GET", "/kb/settings", None::<&()>).await
    }

    /// An admin's change of the knowledge base's site settings.
    pub async fn kb_set_settings(&self, settings: &KbSettings) -> Result<KbSettings, EdgeError> {
        self.call("PUT", "/kb/settings", Some(settings)).await
    }

    pub async fn kb_articles(&self, locale: &str) -> Result<ArticleList, EdgeError> {
        self.call("GET", &format!("/kb/articles?locale={}", encode(locale)), None::<&()>).await
    }

    /// Views and helpful votes per article of `locale`, lately.
    pub async fn kb_stats(&self, locale: &str) -> Result<ArticleStatsList, EdgeError> {
        self.call("GET", &format!("/kb/stats?locale={}", encode(locale)), None::<&()>).await
    }

    pub async fn kb_article(&self, id: &str) -> Result<Article, EdgeError> {
        self.call("GET", &format!("/kb/articles/{}", encode(id)), None::<&()>).await
    }

    pub async fn kb_create(&self, locale: &str, draft: &ArticleDraft) -> Result<Article, EdgeError> {
        self.call("POST", "/kb/articles", Some(&NewArticle { locale: locale.to_string(), article: draft.clone() })).await
    }

    /// The working copy, as edited from `base_revision`.
    pub async fn kb_save(&self, id: &str, base_revision: i64, draft: &ArticleDraft) -> Result<Saved<Article>, EdgeError> {
        self.revision_call("PUT", &format!("/kb/articles/{}", encode(id)), &ArticleSave { base_revision, article: draft.clone() }).await
    }

    /// `confirm_regression`: publish even if the regression queries do worse (after a
    /// [`Saved::Regression`] the editor confirmed).
    pub async fn kb_publish(&self, id: &str, base_revision: i64, confirm_regression: bool) -> Result<Saved<Published>, EdgeError> {
        self.revision_call("POST", &format!("/kb/articles/{}/publish", encode(id)), &ArticleAction { base_revision, confirm_regression }).await
    }

    pub async fn kb_request_review(&self, id: &str, base_revision: i64) -> Result<Saved<Article>, EdgeError> {
        self.revision_call("POST", &format!("/kb/articles/{}/review", encode(id)), &ArticleAction { base_revision, confirm_regression: false }).await
    }

    /// The regression queries of `locale` (of one article, if named).
    pub async fn kb_regression_queries(&self, locale: &str, article: Option<&str>) -> Result<RegressionQueryList, EdgeError> {
        let of = article.map(|a| format!("&article={}", encode(a))).unwrap_or_default();
        self.call("GET", &format!("/kb/regression-queries?locale={}{of}", encode(locale)), None::<&()>).await
    }

    /// "`query` should find `article`".
    pub async fn kb_add_regression_query(&self, query: &str, article: &str, origin: QueryOrigin) -> Result<RegressionQuery, EdgeError> {
        self.call("POST", "/kb/regression-queries", Some(&NewRegressionQuery { query: query.to_string(), article: article.to_string(), origin: Some(origin) })).await
    }

    pub async fn kb_remove_regression_query(&self, id: &str) -> Result<RegressionQuery, EdgeError> {
        self.call("DELETE", &format!("/kb/regression-queries/{}", encode(id)), None::<&()>).await
    }

    /// A search users made becomes another way to ask `article` and one of its regression queries.
    pub async fn kb_add_question(&self, article: &str, question: &str) -> Result<Article, EdgeError> {
        self.call("POST", &format!("/kb/articles/{}/questions", encode(article)), Some(&NewQuestion { question: question.to_string() })).await
    }

    /// The widget's "not helpful" votes on the article, and readers' comments, lately.
    pub async fn kb_feedback(&self, article: &str) -> Result<ArticleFeedback, EdgeError> {
        self.call("GET", &format!("/kb/articles/{}/feedback", encode(article)), None::<&()>).await
    }

    /// The article in review goes back to its author with `comment` (another editor's verdict).
    pub async fn kb_send_back(&self, id: &str, base_revision: i64, comment: &str) -> Result<Saved<Article>, EdgeError> {
        self.revision_call("POST", &format!("/kb/articles/{}/send-back", encode(id)), &SendBack { base_revision, comment: comment.to_string() }).await
    }

    pub async fn kb_versions(&self, id: &str) -> Result<VersionList, EdgeError> {
        self.call("GET", &format!("/kb/articles/{}/versions", encode(id)), None::<&()>).await
    }

    pub async fn kb_rollback(&self, id: &str, base_revision: i64, version: i64, confirm_regression: bool) -> Result<Saved<Published>, EdgeError> {
        self.revision_call("POST", &format!("/kb/articles/{}/rollback", encode(id)), &Rollback { base_revision, version, confirm_regression }).await
    }

    /// `file` imported (a Zendesk export `.json`, or a content folder `.tar`): the report, or a
    /// folder's problems by file (nothing stored), or another refusal.
    pub async fn kb_import(&self, file: &web_sys::File, publish: bool) -> Result<Imported, EdgeError> {
        let source = if file.name().to_ascii_lowercase().ends_with(".tar") { "folder" } else { "zendesk" };
        let content_type = if source == "folder" { "application/x-tar" } else { "application/json" };
        let headers = js::object(&[("content-type", content_type.into()), ("authorization", format!("Bearer {}", self.token()).into())]);
        let url = format!("/api/v1/kb/imports?source={source}&publish={publish}");
        let (status, text) = browser_kit::http::send_file("POST", &url, &headers, file).await?;
        if status == 401 {
            super::credential_ended();
        }
        if status == 422 {
            let parsed = js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL);
            if let Ok(refused) = serde_wasm_bindgen::from_value::<ImportRefused>(parsed) {
                return Ok(Imported::Refused(refused.problems));
            }
        }
        serde_wasm_bindgen::from_value(answer(status, &text)?).map(Imported::Stored).map_err(unreadable)
    }

    /// An image for articles (`kind` its type, for the request), served from the help host.
    pub async fn kb_upload_image(&self, image: &web_sys::Blob, kind: &str) -> Result<UploadedImage, EdgeError> {
        let headers = js::object(&[("content-type", kind.into()), ("authorization", format!("Bearer {}", self.token()).into())]);
        let (status, text) = browser_kit::http::send_file("POST", "/api/v1/kb/images", &headers, image).await?;
        if status == 401 {
            super::credential_ended();
        }
        serde_wasm_bindgen::from_value(answer(status, &text)?).map_err(unreadable)
    }

    /// The whole knowledge base as a content folder (`.tar`), handed to the browser to save.
    pub async fn kb_export(&self) -> Result<web_sys::Blob, EdgeError> {
        let headers = js::object(&[("authorization", format!("Bearer {}", self.token()).into())]);
        let answer = browser_kit::http::receive_file("/api/v1/kb/export", &headers).await;
        if matches!(answer, Err(EdgeError::Refused { status: 401, .. })) {
            super::credential_ended();
        }
        answer
    }

    /// A change that names the revision it was made on, or a publish: a 409 with the article's
    /// versions is a conflict to show, one with the guard's figures a regression to confirm, any
    /// other refusal an error.
    async fn revision_call<T: serde::de::DeserializeOwned, B: serde::Serialize>(&self, method: &str, path: &str, body: &B) -> Result<Saved<T>, EdgeError> {
        let (status, text) = self.exchange(method, path, Some(body)).await?;
        if status == 409 {
            let parsed = js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL);
            if let Ok(conflict) = serde_wasm_bindgen::from_value::<ArticleConflict>(parsed.clone()) {
                return Ok(Saved::Conflict(Box::new(conflict)));
            }
            if let Ok(refused) = serde_wasm_bindgen::from_value::<RegressionRefused>(parsed) {
                return Ok(Saved::Regression(Box::new(refused.guard)));
            }
        }
        serde_wasm_bindgen::from_value(answer(status, &text)?).map(Saved::Stored).map_err(unreadable)
    }
}
