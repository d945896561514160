//! The knowledge base's routes: articles with their drafts, versions and publishing, categories
//! and sections, and each locale's editor vocabulary — `edge/openapi.yaml` under `/api/v1/kb`.
//! The rules (what a save may change, when it conflicts) are the `kb` crate's.

use std::collections::BTreeMap;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::error::ErrorDetail;

/// Where an article is in its life. The status describes the working copy; what users see is the
/// article's live version, which only a publish (or a rollback) changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ArticleStatus {
    /// Changed since its last publish, or never published.
    Draft,
    InReview,
    /// The working copy is the live version.
    Published,
    /// Out of the help center; kept with its versions.
    Archived,
}

/// How an article's body is written: Markdown (what editors write), or HTML kept as written (an
/// imported Zendesk article; `format = "html"` in a content file's front matter).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum BodyFormat {
    #[default]
    Markdown,
    Html,
}

/// What an editor writes: every field a save or a version carries.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ArticleDraft {
    pub title: String,
    /// Other ways users ask the same question.
    #[cfg_attr(feature = "serde", serde(default))]
    pub questions: Vec<String>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub keywords: Vec<String>,
    /// Sanitised when published.
    pub body: String,
    #[cfg_attr(feature = "serde", serde(default))]
    pub format: BodyFormat,
    pub section_id: String,
    #[cfg_attr(feature = "serde", serde(default))]
    pub promoted: bool,
    /// The article (in another locale) this one translates; translations form a chain without loops.
    #[cfg_attr(feature = "serde", serde(default))]
    pub translation_of: Option<String>,
}

/// An article as stored: its stable id, its working copy and where it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Article {
    pub id: String,
    pub locale: String,
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub draft: ArticleDraft,
    pub status: ArticleStatus,
    /// Goes up with every change; a save names the revision it edited.
    pub revision: i64,
    /// The version users see, if any.
    pub live_version: Option<i64>,
    pub updated_at: i64,
    pub updated_by: String,
    /// The editor who last changed what the article says (created, saved, rolled back): whoever
    /// approves it in review must be someone else. `None` for an imported article.
    #[cfg_attr(feature = "serde", serde(default))]
    pub author_id: Option<String>,
    /// Why a reviewer sent it back, until it is put up for review again or published.
    #[cfg_attr(feature = "serde", serde(default))]
    pub sent_back: Option<ReviewNote>,
}

/// A reviewer's word on an article sent back to its author.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ReviewNote {
    pub by: String,
    pub at: i64,
    pub comment: String,
}

/// `POST …/send-back`: an article in review goes back to its author, with why.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct SendBack {
    pub base_revision: i64,
    pub comment: String,
}

/// `POST /api/v1/kb/articles`: a new draft.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct NewArticle {
    pub locale: String,
    pub article: ArticleDraft,
}

/// `PUT /api/v1/kb/articles/{id}`: the working copy, as edited from `base_revision`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ArticleSave {
    pub base_revision: i64,
    pub article: ArticleDraft,
}

/// `POST …/publish`, `…/archive`: acts on the working copy the editor saw.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ArticleAction {
    pub base_revision: i64,
    /// Publish even if the locale's regression queries do worse (MRR@5 lower): the editor saw
    /// the 409 `regression` figures and confirmed.
    #[cfg_attr(feature = "serde", serde(default))]
    pub confirm_regression: bool,
}

/// `POST …/rollback`: publishes version `version` again, as a new version, over the working copy
/// the editor saw.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Rollback {
    pub base_revision: i64,
    pub version: i64,
    /// As [`ArticleAction::confirm_regression`].
    #[cfg_attr(feature = "serde", serde(default))]
    pub confirm_regression: bool,
}

/// The 409 of a change made on an older revision: the error, what is stored now and, for a save,
/// the draft that was sent, so nothing is lost.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ArticleConflict {
    pub error: ErrorDetail,
    pub current: Article,
    pub yours: Option<ArticleDraft>,
}

/// `GET /api/v1/kb/articles?locale=`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ArticleList {
    pub articles: Vec<Article>,
}

/// `GET /api/v1/kb/stats?locale=`: how the locale's articles did in the widget over the last
/// [`STATS_DAYS`] UTC days (`from`..=`to`), from the widget's events: views and helpful votes,
/// by article id, most viewed first.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ArticleStatsList {
    pub from: String,
    pub to: String,
    pub articles: Vec<crate::analytics::ArticleStats>,
}

/// How many days the knowledge base's article figures cover (today included).
pub const STATS_DAYS: i64 = 30;

/// One published version: the article as it was published, by whom and when.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Version {
    pub number: i64,
    pub at: i64,
    pub author_id: Option<String>,
    pub author_name: String,
    pub article: ArticleDraft,
}

/// `GET /api/v1/kb/articles/{id}/versions`: newest first.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct VersionList {
    pub versions: Vec<Version>,
}

/// What one locale's help center serves now: the index files by their role in the manifest
/// (`index`, `bodies`, …), switched as a whole by a publish.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Publication {
    pub locale: String,
    /// Goes up by one with every switch of the locale's manifest.
    pub generation: i64,
    pub files: PublishedFiles,
    pub articles: i64,
    pub at: i64,
}

/// A locale's index files by name, as the widget's manifest lists them (faq-data/FORMAT.md):
/// the core, the postings and article chunks in order, and the bodies.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct PublishedFiles {
    pub core: String,
    pub postings: Vec<String>,
    pub docs: Vec<String>,
    pub bodies: String,
}

/// `GET /api/v1/kb/publications`: what each locale published at the edge serves now.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct PublicationList {
    pub publications: Vec<Publication>,
}

/// The answer of an article's publish or rollback.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Published {
    pub article: Article,
    pub publication: Publication,
    /// How the locale's regression queries did, before and after.
    #[cfg_attr(feature = "serde", serde(default))]
    pub guard: Option<GuardReport>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Section {
    pub id: String,
    pub category_id: String,
    pub name: String,
    pub position: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Category {
    pub id: String,
    pub locale: String,
    pub name: String,
    pub position: i64,
    pub sections: Vec<Section>,
}

/// `GET /api/v1/kb/categories?locale=`: the tree, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct CategoryTree {
    pub categories: Vec<Category>,
}

/// `POST /api/v1/kb/categories`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct NewCategory {
    pub locale: String,
    pub name: String,
    pub position: i64,
}

/// `POST /api/v1/kb/sections`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct NewSection {
    pub category_id: String,
    pub name: String,
    pub position: i64,
}

/// `PATCH /api/v1/kb/categories/{id}`, `PATCH /api/v1/kb/sections/{id}`: a new name.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Rename {
    pub name: String,
}

/// `PUT /api/v1/kb/categories/order` (`parent` is the locale) and `PUT /api/v1/kb/sections/order`
/// (`parent` is the category id): every id of that level once, in the new order.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct NewOrder {
    pub parent: String,
    pub ids: Vec<String>,
}

/// A locale's editor vocabulary (`GET`/`PUT /api/v1/kb/vocabulary/{locale}`), used from the next
/// publish on: words that say nothing about the topic, groups of interchangeable words, and the
/// escalation cues per triage reason (`money_lost`, …; `*` joins parts that may be apart).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Vocabulary {
    #[cfg_attr(feature = "serde", serde(default))]
    pub stop_words: Vec<String>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub synonyms: Vec<Vec<String>>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub cues: BTreeMap<String, Vec<String>>,
}

/// Where a regression query came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum QueryOrigin {
    /// The labelled queries shipped with the content (`queries-dev.jsonl`), taken at import.
    Content,
    /// An editor's "this query should find this article".
    Editor,
    /// A search that found nothing or left the search unsure, answered from analytics.
    Analytics,
}

/// One of a locale's regression queries: searching `query` should find `articles[0]` first
/// (the others are also right answers). Every publish of the locale runs them.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct RegressionQuery {
    pub id: String,
    pub locale: String,
    pub query: String,
    pub articles: Vec<String>,
    pub origin: QueryOrigin,
    pub added_by: String,
    pub added_at: i64,
}

/// `GET /api/v1/kb/regression-queries?locale=[&article=]`: newest first.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct RegressionQueryList {
    pub queries: Vec<RegressionQuery>,
}

/// `POST /api/v1/kb/regression-queries`: `query` should find `article` (the query's locale is the
/// article's).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct NewRegressionQuery {
    pub query: String,
    pub article: String,
    /// `editor` unless said otherwise (`analytics` for a search taken from the analytics screen).
    #[cfg_attr(feature = "serde", serde(default))]
    pub origin: Option<QueryOrigin>,
}

/// `POST /api/v1/kb/articles/{id}/questions`: a search users made becomes another way to ask
/// the article (in its working copy) and one of its regression queries, in one write.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct NewQuestion {
    pub question: String,
}

/// A publish's run of the locale's regression queries against the index users have
/// (`mrr_before`) and the one being published (`mrr_after`), with the queries that got worse.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct GuardReport {
    /// How many queries ran (those whose article is in the index being published).
    pub queries: u32,
    pub mrr_before: f64,
    pub mrr_after: f64,
    pub worse: Vec<WorseQuery>,
}

/// A regression query whose article came lower (or fell out of the top five).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct WorseQuery {
    pub query: String,
    pub article: String,
    /// 1 = first; `None`: not among the first ten.
    pub before: Option<u32>,
    pub after: Option<u32>,
}

/// The 409 `regression` of a publish that would lower MRR@5: nothing was switched.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct RegressionRefused {
    pub error: ErrorDetail,
    pub guard: GuardReport,
}

/// `POST /api/v1/kb/publications/{locale}` (the body is optional).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct PublishLocale {
    #[cfg_attr(feature = "serde", serde(default))]
    pub confirm_regression: bool,
}

/// `GET /api/v1/kb/articles/{id}/feedback`: the widget's "not helpful" votes on the article in the
/// last [`STATS_DAYS`] days, and what readers wrote it lacked, newest first.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ArticleFeedback {
    pub votes: Vec<FeedbackVote>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct FeedbackVote {
    pub at: i64,
    pub locale: String,
    /// What the reader wrote after the vote; none for the vote itself.
    #[cfg_attr(feature = "serde", serde(default))]
    pub comment: Option<String>,
}

/// `GET|PUT /api/v1/kb/settings`: the site's rules for its knowledge base (editors read them,
/// admins change them).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct KbSettings {
    /// An article goes live only when another editor approves it; imports store drafts.
    pub review_required: bool,
}

/// What an import reads: a Zendesk Help Center export (its `categories`, `sections` and
/// `articles` as one JSON object), or a content folder as a tar archive (the layout of
/// `faq-data/content`, as the export hands it out and `faq publish` sends it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ImportSource {
    Zendesk,
    Folder,
}

/// An article an import stored or found unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ImportedArticle {
    pub id: String,
    pub locale: String,
    pub title: String,
}

/// Something an import left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ImportSkipped {
    /// `article`, `section` or `category`.
    pub kind: String,
    pub id: String,
    /// The article's title or the group's name.
    pub title: String,
    pub reason: String,
}

/// A problem in an imported folder, with the file (its path inside the folder) and line.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ImportProblem {
    pub path: String,
    /// 1-based; 0 when the whole file is meant.
    pub line: i64,
    pub message: String,
}

/// `POST /api/v1/kb/imports`: exactly what was stored, in one batch (all of it or, on an error,
/// nothing), and which locales were then published.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ImportReport {
    pub created: Vec<ImportedArticle>,
    /// Stored articles given a new revision (and, when publishing, a new version).
    pub updated: Vec<ImportedArticle>,
    pub unchanged: Vec<ImportedArticle>,
    pub skipped: Vec<ImportSkipped>,
    /// Categories and sections stored (new, renamed or moved).
    pub categories: i64,
    pub sections: i64,
    /// The locales built and published after the import, when it was asked to publish.
    #[cfg_attr(feature = "serde", serde(default))]
    pub published: Vec<Publication>,
    /// Each locale whose publish after the import failed: its articles are stored as published,
    /// and the locale's next publish builds them.
    #[cfg_attr(feature = "serde", serde(default))]
    pub publish_failed: Vec<PublishFailure>,
    /// Each image on another host in the imported articles: copied to the help host (and the
    /// article's body changed to it), or left where it is and why.
    #[cfg_attr(feature = "serde", serde(default))]
    pub images: Vec<ImportImage>,
}

/// A locale's publish that failed after an import, and why; with the guard's figures when it
/// was the regression queries that refused it (publishing the locale with `confirm_regression`
/// puts it live anyway).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct PublishFailure {
    pub locale: String,
    pub message: String,
    #[cfg_attr(feature = "serde", serde(default))]
    pub guard: Option<GuardReport>,
}

/// An image an imported article takes from another host.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ImportImage {
    pub article: String,
    pub url: String,
    /// Where it is served from now, when it was copied.
    #[cfg_attr(feature = "serde", serde(default))]
    pub copied_to: Option<String>,
    /// Why it stays external, when it was not.
    #[cfg_attr(feature = "serde", serde(default))]
    pub reason: Option<String>,
}

/// A folder import that cannot be read as it stands: every problem, by file; nothing stored.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ImportRefused {
    pub error: ErrorDetail,
    pub problems: Vec<ImportProblem>,
}

/// `POST /api/v1/kb/images`: where the uploaded image is served (the help host, so a host page
/// with `img-src HELP-HOST` shows it), for an article's body.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct UploadedImage {
    pub url: String,
    /// `<sha256/16>.<ext>`: the same bytes have the same name.
    pub name: String,
    pub width: u32,
    pub height: u32,
    pub bytes: i64,
}
