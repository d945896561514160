//! The article editor (editors): title, other ways to ask, keywords, the Markdown body with a live
//! preview rendered and sanitised by the publish's own code (`faq_data::render`), section,
//! promoted, locale and the same article in the other locale. Drafts save themselves after a
//! pause in typing; a save on a revision someone else replaced shows both versions
//! (`kb_conflict.rs`) and stores nothing until the editor chooses. Publish and request review act
//! on the saved working copy; an article in review is approved (published) or sent back with a
//! comment by another editor than its last author, which the edge enforces and the screen follows.
//! A publish that would make the locale's regression queries do worse shows the guard's figures
//! (`kb_guard.rs`) and waits for the editor's confirmation; the article's regression queries and
//! its feedback sit below it (`kb_queries.rs`). A new article written for a search from analytics
//! starts with the search as its title and takes it as its regression query when stored.

use browser_kit::http::EdgeError;
use browser_kit::locale::{fill, Locale};
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wire::kb::{Article, ArticleConflict, ArticleStatus, BodyFormat, Category, GuardReport, QueryOrigin};
use yew::prelude::*;

use super::choices::option;
use super::kb_conflict::ConflictPanel;
use super::kb_guard::{self, GuardPanel};
use super::kb_queries::QueriesPanel;
use super::kb_list::{language, status_text, KbPlace, LOCALES};
use super::kb_versions::VersionsPanel;
use super::use_ui;
use crate::api::kb::Saved;
use crate::app::{Session, Ui};
use crate::i18n::Text;
use super::kb_image::{ExternalImages, ImageUpload};
use crate::kb_form::{ArticleForm, Autosave};
use crate::route::Screen;

/// The pause in typing after which a draft saves itself.
const AUTOSAVE_MS: u32 = 1_200;

#[derive(Properties, PartialEq)]
pub struct KbEditorProps {
    /// `None`: a new article.
    pub id: Option<String>,
    pub place: UseStateHandle<KbPlace>,
}

#[function_component]
pub fn KbEditorView(props: &KbEditorProps) -> Html {
    let ui = use_ui();
    // A search from analytics is taken once, by the new article it was opened for.
    let search = use_state(|| props.id.is_none().then(|| props.place.from_search.clone()).flatten());
    {
        let place = props.place.clone();
        use_effect_with((), move |_| {
            if place.from_search.is_some() {
                place.set(KbPlace { from_search: None, ..(*place).clone() });
            }
        });
    }
    html! { <Editor ui={ui} id={props.id.clone()} locale={props.place.locale} search={(*search).clone()} /> }
}

#[derive(Properties, PartialEq)]
struct EditorProps {
    ui: Ui,
    id: Option<String>,
    /// A new article's locale, until the editor picks another.
    locale: Locale,
    /// The search from analytics a new article is written for.
    search: Option<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum Field {
    Title,
    Questions,
    Keywords,
    Body,
    Section,
    Translation,
}

/// What the line under the buttons says.
#[derive(Clone, PartialEq)]
enum Note {
    Quiet,
    Saving,
    Saved,
    Published(i64),
    ReviewRequested,
    SentBack,
    Failed(String),
}

enum Msg {
    Loaded(Result<Article, EdgeError>),
    Tree(Result<(Vec<Category>, Vec<Article>), EdgeError>),
    /// Whether the site requires review (unread: the edge still refuses what it must).
    ReviewRequired(bool),
    Edit(Field, String),
    Promoted(bool),
    Locale(Locale),
    Pause,
    SaveAnswer(u32, Result<Saved<Article>, EdgeError>),
    Create,
    Created(Result<Article, EdgeError>),
    Publish,
    PublishAnyway,
    KeepEditing,
    Review,
    Comment(String),
    SendBack,
    Acted(Result<Saved<Article>, EdgeError>, Note, Option<GuardReport>),
    KeepMine,
    TakeTheirs,
    RolledBack(Article),
    /// An uploaded image's markup, added to the body.
    InsertImage(String),
}

struct Editor {
    /// What the edge stores (`None` until a new article's first save).
    article: Option<Article>,
    locale: Locale,
    form: ArticleForm,
    tree: Vec<Category>,
    /// The other locale's articles, for the translation link.
    others: Vec<Article>,
    failed_load: Option<String>,
    autosave: Autosave,
    timer: Option<Timeout>,
    note: Note,
    conflict: Option<Box<ArticleConflict>>,
    /// A publish or review request is on its way.
    acting: bool,
    /// A reviewer's comment, for sending the article back.
    comment: String,
    /// A publish the guard refused: its figures, until the editor confirms or goes back.
    refused: Option<Box<GuardReport>>,
    /// The guard's figures of the last publish made here.
    guarded: Option<GuardReport>,
    /// The site lets a change go live only through another editor's approval.
    review_required: bool,
}

impl Component for Editor {
    type Message = Msg;
    type Properties = EditorProps;

    fn create(ctx: &Context<Self>) -> Self {
        let props = ctx.props();
        let mut editor = Editor {
            article: None,
            locale: props.locale,
            form: ArticleForm::default(),
            tree: Vec::new(),
            others: Vec::new(),
            failed_load: None,
            autosave: Autosave::default(),
            timer: None,
            note: Note::Quiet,
            conflict: None,
            acting: false,
            comment: String::new(),
            refused: None,
            guarded: None,
            review_required: false,
        };
        let api_for_settings = api(ctx);
        ctx.link().send_future(async move { Msg::ReviewRequired(api_for_settings.kb_settings().await.is_ok_and(|s| s.review_required)) });
        if props.id.is_none() {
            editor.form.title = props.search.clone().unwrap_or_default();
        }
        match &props.id {
            Some(id) => {
                let (api, id) = (api(ctx), id.clone());
                ctx.link().send_future(async move { Msg::Loaded(api.kb_article(&id).await) });
            }
            None => editor.load_tree(ctx),
        }
        editor
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        let ui = &ctx.props().ui;
        match msg {
            Msg::Loaded(Ok(article)) => {
                self.locale = Locale::from_tag(&article.locale).unwrap_or(self.locale);
                self.form = ArticleForm::of(&article.draft);
                self.article = Some(article);
                self.load_tree(ctx);
            }
            Msg::Loaded(Err(error)) | Msg::Tree(Err(error)) => self.failed_load = Some(error.message()),
            Msg::Tree(Ok((tree, others))) => {
                self.tree = tree;
                self.others = others;
            }
            Msg::ReviewRequired(required) => self.review_required = required,
            Msg::Edit(field, value) => {
                let form = &mut self.form;
                match field {
                    Field::Title => form.title = value,
                    Field::Questions => form.questions = value,
                    Field::Keywords => form.keywords = value,
                    Field::Body => form.body = value,
                    Field::Section => form.section_id = value,
                    Field::Translation => form.translation_of = value,
                }
                self.edited(ctx);
            }
            Msg::InsertImage(markup) => {
                self.form.body.push_str(&markup);
                self.edited(ctx);
            }
            Msg::Promoted(on) => {
                self.form.promoted = on;
                self.edited(ctx);
            }
            Msg::Locale(locale) => {
                // Only a new article picks its locale; its section and link belong to the old one.
                self.locale = locale;
                self.form.section_id.clear();
                self.form.translation_of.clear();
                self.load_tree(ctx);
            }
            Msg::Pause => self.save_now(ctx),
            Msg::SaveAnswer(edit, answer) => {
                match answer {
                    Ok(Saved::Stored(article)) => {
                        self.autosave.stored(edit);
                        self.article = Some(article);
                        self.note = Note::Saved;
                    }
                    Ok(Saved::Conflict(conflict)) => {
                        self.autosave.failed();
                        self.conflict = Some(conflict);
                        self.note = Note::Quiet;
                    }
                    // A save publishes nothing: the edge never answers one with the guard's figures.
                    Ok(Saved::Regression(_)) => self.autosave.failed(),
                    Err(error) => {
                        self.autosave.failed();
                        self.note = Note::Failed(error.message());
                    }
                }
                // Typed on while that save was on its way.
                if self.autosave.dirty() && self.conflict.is_none() && !matches!(self.note, Note::Failed(_)) {
                    self.save_now(ctx);
                }
            }
            Msg::Create => {
                let (api, locale, draft, search) = (api(ctx), self.locale.index_name(), self.form.draft(), ctx.props().search.clone());
                self.note = Note::Saving;
                ctx.link().send_future(async move {
                    let created = api.kb_create(locale, &draft).await;
                    let linked = match (&created, &search) {
                        (Ok(article), Some(query)) => api.kb_add_regression_query(query, &article.id, QueryOrigin::Analytics).await.map(|_| ()),
                        _ => Ok(()),
                    };
                    Msg::Created(created.and_then(|article| linked.map(|_| article)))
                });
            }
            Msg::Created(Ok(article)) => {
                // The editor of a stored article takes over, at its own address.
                self.autosave = Autosave::default();
                ui.go(Screen::KbArticle(article.id));
            }
            Msg::Created(Err(error)) => self.note = Note::Failed(error.message()),
            Msg::Publish | Msg::PublishAnyway | Msg::Review => {
                let Some(article) = &self.article else { return false };
                let (api, id, revision) = (api(ctx), article.id.clone(), article.revision);
                self.acting = true;
                self.note = Note::Quiet;
                self.refused = None;
                if matches!(msg, Msg::Review) {
                    ctx.link().send_future(async move { Msg::Acted(api.kb_request_review(&id, revision).await, Note::ReviewRequested, None) });
                } else {
                    let confirmed = matches!(msg, Msg::PublishAnyway);
                    ctx.link().send_future(async move {
                        let answer = api.kb_publish(&id, revision, confirmed).await;
                        let (note, guard) = match &answer {
                            Ok(Saved::Stored(p)) => (Note::Published(p.article.live_version.unwrap_or_default()), p.guard.clone()),
                            _ => (Note::Quiet, None),
                        };
                        Msg::Acted(answer.map(|saved| match saved {
                            Saved::Stored(p) => Saved::Stored(p.article),
                            Saved::Conflict(c) => Saved::Conflict(c),
                            Saved::Regression(r) => Saved::Regression(r),
                        }), note, guard)
                    });
                }
            }
            Msg::KeepEditing => self.refused = None,
            Msg::Comment(comment) => self.comment = comment,
            Msg::SendBack => {
                let Some(article) = &self.article else { return false };
                let (api, id, revision, comment) = (api(ctx), article.id.clone(), article.revision, self.comment.clone());
                self.acting = true;
                ctx.link().send_future(async move { Msg::Acted(api.kb_send_back(&id, revision, &comment).await, Note::SentBack, None) });
            }
            Msg::Acted(answer, note, guard) => {
                self.acting = false;
                match answer {
                    Ok(Saved::Stored(article)) => {
                        self.form = ArticleForm::of(&article.draft);
                        self.article = Some(article);
                        self.comment.clear();
                        ui.announce(self.note_text(ui, &note));
                        self.note = note;
                        if guard.is_some() {
                            self.guarded = guard;
                        }
                    }
                    Ok(Saved::Conflict(conflict)) => self.conflict = Some(conflict),
                    Ok(Saved::Regression(report)) => self.refused = Some(report),
                    Err(error) => self.note = Note::Failed(error.message()),
                }
            }
            Msg::KeepMine => {
                // Theirs becomes the base; mine (the form, unchanged) is saved over it.
                if let Some(conflict) = self.conflict.take() {
                    self.article = Some(conflict.current);
                    self.autosave.edited();
                    self.save_now(ctx);
                }
            }
            Msg::TakeTheirs => {
                if let Some(conflict) = self.conflict.take() {
                    self.form = ArticleForm::of(&conflict.current.draft);
                    self.article = Some(conflict.current);
                    self.autosave = Autosave::default();
                    self.timer = None;
                    self.note = Note::Quiet;
                }
            }
            Msg::RolledBack(article) => {
                self.form = ArticleForm::of(&article.draft);
                self.autosave = Autosave::default();
                self.note = Note::Published(article.live_version.unwrap_or_default());
                self.article = Some(article);
            }
        }
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let ui = &ctx.props().ui;
        let link = ctx.link();
        if let Some(message) = &self.failed_load {
            return html! {
                <section class="kb-editor">
                    <h1 tabindex="-1">{ ui.t(Text::KbEditArticle) }</h1>
                    <p class="error" role="alert">{ ui.t(Text::LoadFailed) }{ " " }{ message }</p>
                    <a href={Screen::Kb.hash()}>{ ui.t(Text::KbBackToList) }</a>
                </section>
            };
        }
        if ctx.props().id.is_some() && self.article.is_none() {
            return html! { <section class="kb-editor"><h1 tabindex="-1">{ ui.t(Text::KbEditArticle) }</h1><p class="status" role="status">{ ui.t(Text::Loading) }</p></section> };
        }
        let on = |field: Field| link.callback(move |e: InputEvent| Msg::Edit(field, value_of(&e)));
        let on_change = |field: Field| link.callback(move |e: Event| Msg::Edit(field, e.target_unchecked_into::<web_sys::HtmlSelectElement>().value()));
        let markdown = self.form.format == BodyFormat::Markdown;
        let preview = faq_data::render::published_html(&self.form.body, markdown);
        let other = LOCALES.into_iter().find(|l| *l != self.locale).unwrap_or(self.locale);
        let busy = self.acting || self.autosave.dirty() || self.conflict.is_some();
        let heading = if self.article.is_some() { Text::KbEditArticle } else { Text::KbNewArticle };
        html! {
            <section class="kb-editor" aria-labelledby="kb-editor-title">
                <h1 id="kb-editor-title" tabindex="-1">{ ui.t(heading) }</h1>
                <p><a href={Screen::Kb.hash()}>{ ui.t(Text::KbBackToList) }</a></p>
                if let Some(article) = &self.article {
                    <p class="kb-state">
                        { ui.t(status_text(article.status)) }{ " · " }
                        { article.live_version.map_or_else(|| ui.t(Text::KbNotLive).to_string(), |v| fill(ui.t(Text::KbLiveVersion), v)) }
                    </p>
                }
                if let Some(note) = self.article.as_ref().and_then(|a| a.sent_back.as_ref()) {
                    <p class="kb-sent-back">
                        <strong>{ fill(ui.t(Text::KbSentBackBy), &note.by) }</strong>{ " " }{ &note.comment }
                    </p>
                }
                if let Some(conflict) = &self.conflict {
                    <ConflictPanel ui={ui.clone()} conflict={conflict.clone()} yours={self.form.draft()}
                        keep_mine={link.callback(|_| Msg::KeepMine)} take_theirs={link.callback(|_| Msg::TakeTheirs)} />
                }
                <div class="kb-edit-columns">
                    <form class="kb-form" onsubmit={link.callback(|e: SubmitEvent| { e.prevent_default(); Msg::Create })}>
                        <label for="kb-title-field">{ ui.t(Text::KbTitle) }</label>
                        <input id="kb-title-field" value={self.form.title.clone()} oninput={on(Field::Title)} maxlength={wire::limits::ARTICLE_TITLE.to_string()} />
                        <label for="kb-questions">{ ui.t(Text::KbQuestions) }</label>
                        <textarea id="kb-questions" rows="3" value={self.form.questions.clone()} oninput={on(Field::Questions)} />
                        <label for="kb-keywords">{ ui.t(Text::KbKeywords) }</label>
                        <textarea id="kb-keywords" rows="2" value={self.form.keywords.clone()} oninput={on(Field::Keywords)} />
                        <label for="kb-body">{ ui.t(if markdown { Text::KbBody } else { Text::KbBodyHtml }) }</label>
                        <textarea id="kb-body" rows="14" value={self.form.body.clone()} oninput={on(Field::Body)} maxlength={wire::limits::ARTICLE_BODY.to_string()} />
                        <ImageUpload ui={ui.clone()} api={api(ctx)} {markdown} insert={link.callback(Msg::InsertImage)} />
                        <label for="kb-article-locale">{ ui.t(Text::KbArticleLocale) }</label>
                        <select id="kb-article-locale" disabled={self.article.is_some()}
                            onchange={link.callback(|e: Event| Msg::Locale(Locale::from_tag(&e.target_unchecked_into::<web_sys::HtmlSelectElement>().value()).unwrap_or(Locale::ZhCn)))}>
                            { for LOCALES.iter().map(|l| option(l.tag(), ui.t(language(*l)), *l == self.locale)) }
                        </select>
                        <label for="kb-section">{ ui.t(Text::KbSection) }</label>
                        <select id="kb-section" onchange={on_change(Field::Section)}>
                            { option("", ui.t(Text::KbChooseSection), self.form.section_id.is_empty()) }
                            { for self.tree.iter().map(|c| html! {
                                <optgroup label={c.name.clone()}>
                                    { for c.sections.iter().map(|s| option(&s.id, &s.name, s.id == self.form.section_id)) }
                                </optgroup>
                            }) }
                        </select>
                        <label class="check">
                            <input type="checkbox" checked={self.form.promoted}
                                onchange={link.callback(|e: Event| Msg::Promoted(e.target_unchecked_into::<web_sys::HtmlInputElement>().checked()))} />
                            { ui.t(Text::KbPromoted) }
                        </label>
                        <label for="kb-translation">{ format!("{} ({})", ui.t(Text::KbTranslationOf), ui.t(language(other))) }</label>
                        <select id="kb-translation" onchange={on_change(Field::Translation)}>
                            { option("", ui.t(Text::KbNoTranslation), self.form.translation_of.is_empty()) }
                            { for self.others.iter().map(|a| option(&a.id, &a.draft.title, a.id == self.form.translation_of)) }
                        </select>
                        { self.actions(ctx, busy) }
                        <p class={classes!("kb-note", matches!(self.note, Note::Failed(_)).then_some("error"))} role="status">{ self.note_line(ui) }</p>
                        if let Some(report) = &self.guarded {
                            <p class="kb-guard-figures">{ kb_guard::figures(ui, report) }</p>
                        }
                        // Beside the button that asked: the editor decides here.
                        if let Some(report) = &self.refused {
                            <GuardPanel ui={ui.clone()} report={(**report).clone()} confirm={link.callback(|_| Msg::PublishAnyway)} cancel={link.callback(|_| Msg::KeepEditing)} />
                        }
                    </form>
                    <section class="kb-preview-pane" aria-labelledby="kb-preview-title">
                        <h2 id="kb-preview-title">{ ui.t(Text::KbPreview) }</h2>
                        // The publish's own sanitiser made this markup; nothing else reaches the page as HTML.
                        <div class="kb-preview" lang={self.locale.tag()}>{ Html::from_html_unchecked(preview.clone().into()) }</div>
                        <ExternalImages ui={ui.clone()} html={preview} />
                    </section>
                </div>
                if let Some(article) = &self.article {
                    <QueriesPanel ui={ui.clone()} article={article.id.clone()} locale={article.locale.clone()} />
                    <VersionsPanel ui={ui.clone()} article={article.clone()} rolled_back={link.callback(Msg::RolledBack)} />
                }
            </section>
        }
    }

    /// Leaving with a change not yet saved: it is sent anyway (its answer has nobody to show it to).
    fn destroy(&mut self, ctx: &Context<Self>) {
        if let (Some(article), true, false) = (&self.article, self.autosave.dirty(), self.autosave.sending() || self.conflict.is_some()) {
            let (api, id, revision, draft) = (api(ctx), article.id.clone(), article.revision, self.form.draft());
            wasm_bindgen_futures::spawn_local(async move {
                let _ = api.kb_save(&id, revision, &draft).await;
            });
        }
    }
}

impl Editor {
    /// What may be done with the article now: create it; publish it (unless the site requires
    /// review) or ask for review; for an article in review, another editor approves or sends it
    /// back, and its author waits.
    fn actions(&self, ctx: &Context<Self>, busy: bool) -> Html {
        let (ui, link) = (&ctx.props().ui, ctx.link());
        let Some(article) = &self.article else {
            return html! { <div class="actions"><button type="submit">{ ui.t(Text::KbCreateDraft) }</button></div> };
        };
        if article.status != ArticleStatus::InReview {
            // Where review is required, only what is live already may be published again as is.
            let publishable = !self.review_required || article.status == ArticleStatus::Published;
            return html! {
                <>
                    <div class="actions">
                        if publishable {
                            <button type="button" disabled={busy} onclick={link.callback(|_| Msg::Publish)}>{ ui.t(Text::KbPublish) }</button>
                        }
                        if article.status == ArticleStatus::Draft {
                            <button type="button" disabled={busy} onclick={link.callback(|_| Msg::Review)}>{ ui.t(Text::KbRequestReview) }</button>
                        }
                    </div>
                    if !publishable {
                        <p class="hint">{ ui.t(Text::KbReviewRequiredNote) }</p>
                    }
                </>
            };
        }
        if article.author_id.as_deref() == Some(session(ui).me.agent.id.as_str()) {
            return html! { <p class="kb-waiting">{ ui.t(Text::KbWaitingForReview) }</p> };
        }
        html! {
            <fieldset class="kb-review">
                <legend>{ ui.t(Text::KbReview) }</legend>
                <button type="button" disabled={busy} onclick={link.callback(|_| Msg::Publish)}>{ ui.t(Text::KbApprove) }</button>
                <label for="kb-comment">{ ui.t(Text::KbSendBackComment) }</label>
                <textarea id="kb-comment" rows="2" value={self.comment.clone()} maxlength={wire::limits::COMMENT.to_string()}
                    oninput={link.callback(|e: InputEvent| Msg::Comment(value_of(&e)))} />
                <button type="button" disabled={busy || self.comment.trim().is_empty()} onclick={link.callback(|_| Msg::SendBack)}>{ ui.t(Text::KbSendBack) }</button>
            </fieldset>
        }
    }

    fn load_tree(&self, ctx: &Context<Self>) {
        let api = api(ctx);
        let locale = self.locale;
        let other = LOCALES.into_iter().find(|l| *l != locale).unwrap_or(locale);
        ctx.link().send_future(async move {
            let both = async { Ok((api.kb_categories(locale.index_name()).await?.categories, api.kb_articles(other.index_name()).await?.articles)) };
            Msg::Tree(both.await)
        });
    }

    /// A change to the form: a stored article saves itself after the pause that follows.
    fn edited(&mut self, ctx: &Context<Self>) {
        if self.article.is_none() {
            return;
        }
        self.autosave.edited();
        self.note = Note::Quiet;
        let link = ctx.link().clone();
        self.timer = Some(Timeout::new(AUTOSAVE_MS, move || link.send_message(Msg::Pause)));
    }

    fn save_now(&mut self, ctx: &Context<Self>) {
        let Some(article) = &self.article else { return };
        if self.conflict.is_some() {
            return;
        }
        let Some(edit) = self.autosave.due() else { return };
        self.timer = None;
        self.note = Note::Saving;
        let (api, id, revision, draft) = (api(ctx), article.id.clone(), article.revision, self.form.draft());
        ctx.link().send_future(async move { Msg::SaveAnswer(edit, api.kb_save(&id, revision, &draft).await) });
    }

    fn note_text(&self, ui: &Ui, note: &Note) -> String {
        match note {
            Note::Quiet if self.autosave.dirty() => ui.t(Text::KbUnsaved).into(),
            Note::Quiet => String::new(),
            Note::Saving => ui.t(Text::KbSaving).into(),
            Note::Saved => ui.t(Text::KbAllSaved).into(),
            Note::Published(version) => fill(ui.t(Text::KbPublishedAs), version),
            Note::ReviewRequested => ui.t(Text::KbReviewRequested).into(),
            Note::SentBack => ui.t(Text::KbSentBackDone).into(),
            Note::Failed(message) => format!("{} {message}", ui.t(Text::ActionFailed)),
        }
    }

    fn note_line(&self, ui: &Ui) -> String {
        self.note_text(ui, &self.note)
    }
}

fn api(ctx: &Context<Editor>) -> std::rc::Rc<crate::api::Api> {
    session(&ctx.props().ui).api.clone()
}

fn session(ui: &Ui) -> &Session {
    ui.session.as_ref().expect("the editor renders only when signed in")
}

fn value_of(e: &InputEvent) -> String {
    let target = e.target_unchecked_into::<web_sys::HtmlElement>();
    match target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        Some(area) => area.value(),
        None => target.unchecked_into::<web_sys::HtmlInputElement>().value(),
    }
}
