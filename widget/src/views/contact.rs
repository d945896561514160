//! Contact a person: a ticket form that suggests articles while the user describes the problem
//! (many problems end here), pre-fills what we know, and carries the user's journey — searches,
//! articles read, the bot conversation — so nobody has to repeat themselves.

use faq_data::SearchOptions;
use wasm_bindgen::JsValue;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::callback::CallbackForm;
use super::list::{ArticleList, Item};
use super::use_ui;
use crate::app::{Msg, Screen, Ui};
use crate::edge::{new_key, EdgeError, Sent};
use crate::i18n::{fill, Text};
use crate::js;

/// Articles suggested under the description.
const SUGGESTIONS: usize = 3;
const MAX_SUBJECT_CHARS: usize = 200;

#[derive(Clone, PartialEq)]
pub enum Outcome {
    Editing,
    Sending,
    Filed(u32),
    /// A callback was filed as this request.
    Booked(u32),
    Queued,
    Failed(EdgeError),
    /// Nobody can chat now: why (a text), and the form stays for a ticket.
    NoChat(String),
}

/// Which button sent the form.
#[derive(Clone, Copy, PartialEq)]
enum Via {
    Ticket,
    Chat,
}

#[function_component]
pub fn ContactView() -> Html {
    let ui = use_ui();
    let identity = ui.edge.identity();
    let first_words = ui.journey.first_user_line().or(ui.journey.searches.last().map(String::as_str)).unwrap_or_default().to_string();
    let subject = use_state(|| first_words.chars().take(MAX_SUBJECT_CHARS).collect::<String>());
    let description = use_state(|| first_words.clone());
    let category = use_state(String::new);
    let name = use_state(|| identity.name.clone().unwrap_or_default());
    let email = use_state(|| identity.email.clone().unwrap_or_default());
    let outcome = use_state(|| Outcome::Editing);
    // One key per form: a double submit or an offline retry files one ticket.
    let key = use_memo((), |_| new_key());
    let via = use_mut_ref(|| Via::Ticket);

    let Some(library) = ui.library.clone() else { return html! { <p class="status" role="status">{ ui.t(Text::Loading) }</p> } };
    let index = library.borrow();
    let found = index.search(&description, &SearchOptions { limit: SUGGESTIONS, category: None }).map(|found| found.results).unwrap_or_default();
    let guessed = found.first().map(|h| h.category.clone()).unwrap_or_default();
    let chosen = if category.is_empty() { guessed } else { (*category).clone() };
    let suggestions: Vec<Item> = if description.trim().is_empty() { Vec::new() } else { found.iter().map(Item::from).collect() };

    let ticket = NewTicket {
        subject: subject_or_opening(&subject, &description),
        description: description.trim().to_string(),
        category: chosen.clone(),
        name: name.trim().to_string(),
        email: email.trim().to_string(),
    };
    let onsubmit = {
        let ticket = ticket.clone();
        let (ui, outcome, key, via) = (ui.clone(), outcome.clone(), (*key).clone(), via.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if matches!(*outcome, Outcome::Sending) {
                return;
            }
            outcome.set(Outcome::Sending);
            let (ui, outcome, key) = (ui.clone(), outcome.clone(), key.clone());
            match *via.borrow() {
                Via::Ticket => {
                    let body = ticket.to_js(&ui);
                    wasm_bindgen_futures::spawn_local(async move { outcome.set(file_ticket(&ui, "/tickets", &body, &key).await) });
                }
                Via::Chat => {
                    let body = ticket.chat_request(&ui);
                    wasm_bindgen_futures::spawn_local(async move { outcome.set(open_chat(&ui, &body).await) });
                }
            }
        })
    };
    let pressed = |choice: Via| {
        let via = via.clone();
        Callback::from(move |_: MouseEvent| *via.borrow_mut() = choice)
    };
    let field = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_description = {
        let description = description.clone();
        Callback::from(move |e: InputEvent| description.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let on_category = {
        let category = category.clone();
        Callback::from(move |e: Event| category.set(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let on_callback = {
        let outcome = outcome.clone();
        Callback::from(move |done| outcome.set(done))
    };
    let done = match &*outcome {
        Outcome::Filed(number) => Some(html! {
            <div class="done" role="status">
                <p>{ fill(ui.t(Text::TicketFiled), number) }</p>
                <button type="button" onclick={ui.send.reform(|_| Msg::Tab(Screen::Requests))}>{ ui.t(Text::TabRequests) }</button>
            </div>
        }),
        Outcome::Booked(number) => Some(html! {
            <div class="done" role="status">
                <p>{ fill(ui.t(Text::CallbackBooked), number) }</p>
                <button type="button" onclick={ui.send.reform(|_| Msg::Tab(Screen::Requests))}>{ ui.t(Text::TabRequests) }</button>
            </div>
        }),
        Outcome::Queued => Some(html! { <p class="done" role="status">{ ui.t(Text::QueuedOffline) }</p> }),
        _ => None,
    };
    if let Some(done) = done {
        return done;
    }
    html! {
        <section class="contact">
            <h3>{ ui.t(Text::TicketTitle) }</h3>
            <p class="hint">{ ui.t(Text::TicketIntro) }</p>
            <form {onsubmit}>
                <label>{ ui.t(Text::Description) }
                    <textarea required=true rows="4" maxlength="10000" value={(*description).clone()} oninput={on_description} />
                </label>
                if !suggestions.is_empty() {
                    <div class="suggestions">
                        <p>{ ui.t(Text::Suggestions) }</p>
                        <ArticleList items={suggestions} label={ui.t(Text::Suggestions)} />
                    </div>
                }
                <label>{ ui.t(Text::Subject) }
                    <input maxlength="200" placeholder={ui.t(Text::SubjectPlaceholder)} value={(*subject).clone()} oninput={field(&subject)} />
                </label>
                <label>{ ui.t(Text::Category) }
                    <select required=true onchange={on_category}>
                        { for index.categories().iter().map(|c| html! {
                            <option value={c.name.clone()} selected={c.name == chosen}>{ &c.name }</option>
                        }) }
                    </select>
                </label>
                <label>{ ui.t(Text::Name) }
                    <input maxlength="100" autocomplete="name" value={(*name).clone()} oninput={field(&name)} />
                </label>
                <label>{ ui.t(Text::Email) }
                    <input type="email" maxlength="254" autocomplete="email" value={(*email).clone()} oninput={field(&email)} />
                </label>
                if let Outcome::Failed(message) = &*outcome {
                    <p class="error" role="alert">{ ui.t(Text::SendFailed) }{ message.message() }</p>
                }
                if let Outcome::NoChat(why) = &*outcome {
                    <p class="error" role="alert">{ why }</p>
                } else {
                    <button type="submit" class="primary" disabled={*outcome == Outcome::Sending} onclick={pressed(Via::Chat)}>
                        { ui.t(Text::StartChat) }
                    </button>
                    <p class="hint">{ ui.t(Text::OrTicket) }</p>
                }
                <button type="submit" disabled={*outcome == Outcome::Sending} onclick={pressed(Via::Ticket)}>
                    { ui.t(if *outcome == Outcome::Sending { Text::Sending } else { Text::Submit }) }
                </button>
            </form>
            if matches!(*outcome, Outcome::NoChat(_)) {
                <CallbackForm request={ticket} on_done={on_callback} />
            }
            if !ui.host.hotline.is_empty() {
                <p class="hint">{ ui.t(Text::Hotline) }<a href={format!("tel:{}", ui.host.hotline)}>{ &ui.host.hotline }</a></p>
            }
        </section>
    }
}

/// Files a ticket (`/tickets`) or a callback (`/callbacks`, answered the same way) through the
/// outbox.
pub(super) async fn file_ticket(ui: &Ui, path: &str, body: &JsValue, key: &str) -> Outcome {
    match ui.edge.send("ticket", path, body, Some(key)).await {
        Ok(Sent::Answered(answer)) => {
            ui.edge.remember_token(&answer);
            let ticket = js::get(&answer, "ticket");
            ui.host.emit("ticketCreated", ticket.clone());
            Outcome::Filed(js::number(&ticket, "number").unwrap_or(0.0) as u32)
        }
        Ok(Sent::Queued) => Outcome::Queued,
        Err(error) => Outcome::Failed(error),
    }
}

/// Asks the edge for a person: in line (the chat screen takes over) or told to leave a ticket.
async fn open_chat(ui: &Ui, body: &JsValue) -> Outcome {
    match ui.edge.post("/chats", body).await {
        Ok(answer) if js::text(&answer, "outcome") == "queued" => {
            ui.edge.remember_token(&answer);
            ui.edge.set_active_chat(Some(&answer));
            ui.host.emit("chatStarted", answer);
            ui.send.emit(Msg::Tab(Screen::Contact));
            Outcome::Editing
        }
        Ok(answer) => Outcome::NoChat(match js::text(&answer, "reason").as_str() {
            "outside_hours" => fill(ui.t(Text::OutsideHours), js::text(&answer, "business_hours")),
            "wait_too_long" => ui.t(Text::WaitTooLong).to_string(),
            _ => ui.t(Text::NoAgentOnline).to_string(),
        }),
        Err(error) => Outcome::Failed(error),
    }
}

/// The subject the user wrote, or else the opening of the description (its first line, cut).
fn subject_or_opening(subject: &str, description: &str) -> String {
    let subject = subject.trim();
    let source = if subject.is_empty() { description.trim().lines().next().unwrap_or_default() } else { subject };
    source.chars().take(MAX_SUBJECT_CHARS).collect()
}

/// What the contact form holds, ready to send as a ticket, a chat or a callback.
#[derive(Clone, PartialEq)]
pub struct NewTicket {
    subject: String,
    description: String,
    category: String,
    name: String,
    email: String,
}

impl NewTicket {
    /// The chat request (`NewChat` in edge/openapi.yaml): the description is the first message.
    fn chat_request(&self, ui: &Ui) -> JsValue {
        js::object(&self.fields(ui, "message"))
    }

    /// The callback request (`CallbackRequest` in edge/openapi.yaml): the chat request it
    /// replaces, with the number and time to call.
    pub(super) fn callback_request(&self, ui: &Ui, phone: &str, at: f64) -> JsValue {
        let mut fields = self.fields(ui, "message");
        fields.extend([("phone", phone.into()), ("at", at.into())]);
        js::object(&fields)
    }

    /// The request body (`NewTicket` in edge/openapi.yaml), with the journey as context.
    fn to_js(&self, ui: &Ui) -> JsValue {
        let mut fields = self.fields(ui, "description");
        fields.push(("channel", ui.host.channel.as_str().into()));
        js::object(&fields)
    }

    /// What every request made of the form says, the description under `text_as`.
    fn fields(&self, ui: &Ui, text_as: &'static str) -> Vec<(&'static str, JsValue)> {
        vec![
            (text_as, self.description.as_str().into()),
            ("subject", self.subject.as_str().into()),
            ("category", self.category.as_str().into()),
            ("name", non_empty(&self.name)),
            ("email", non_empty(&self.email)),
            ("context", context(ui)),
        ]
    }
}

/// A field the user may leave blank: `null` then.
fn non_empty(s: &str) -> JsValue {
    js::optional(Some(s).filter(|s| !s.is_empty()))
}

/// The user's journey as the edge's `TicketContext`: what a person helping them should know.
fn context(ui: &Ui) -> JsValue {
    let journey = &ui.journey;
    let transcript = journey.transcript.iter().map(|(speaker, text)| js::object(&[("speaker", speaker.as_str().into()), ("text", text.into())]));
    let page = web_sys::window().and_then(|w| w.location().href().ok());
    js::object(&[
        ("searches", js::strings(&journey.searches)),
        ("articles_read", js::strings(&journey.articles_read)),
        ("bot_transcript", js::list(transcript)),
        ("page_url", js::optional(page.as_deref())),
        ("locale", ui.locale.index_name().into()),
        ("triage", js::strings(&journey.triage)),
    ])
}
