//! Contact a person: a ticket form that suggests articles while the user describes the problem
//! (many problems end here), pre-fills what we know, and carries the user's journey — searches,
//! articles read, the bot conversation — so nobody has to repeat themselves.

use browser_kit::http::read;
use browser_kit::json;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use wire::chat_admission::{ChatAdmission, FallbackReason, NewChat};
use wire::limits;
use wire::tickets::{NewTicket, TicketContext};
use wire::views::Filed;
use yew::prelude::*;

use super::callback::CallbackForm;
use widget::list::ArticleList;
use super::use_ui;
use crate::ui::Ui;
use widget::desk::protocol::Place;
use widget::edge::{new_key, EdgeError, Sent};
use crate::i18n::{Shared, Text, fill};
use widget::js;

/// Articles suggested under the description.
const SUGGESTIONS: usize = 3;

#[derive(Clone, PartialEq)]
pub enum Outcome {
    Editing,
    Sending,
    Filed(i64),
    /// A callback was filed as this request.
    Booked(i64),
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
    let first_words = ui.state.first_words.clone();
    let subject = use_state(|| first_words.chars().take(limits::SUBJECT).collect::<String>());
    let description = use_state(|| first_words.clone());
    let category = use_state(String::new);
    let name = use_state(|| identity.name.clone().unwrap_or_default());
    let email = use_state(|| identity.email.clone().unwrap_or_default());
    let outcome = use_state(|| Outcome::Editing);
    // One key per form: a double submit or an offline retry files one ticket.
    let key = use_memo((), |_| new_key());
    let via = use_mut_ref(|| Via::Ticket);

    // Until the help center's index is loaded there are no categories to choose from.
    if ui.state.categories.is_empty() {
        return html! { <p class="status" role="status">{ ui.t(Shared::Loading) }</p> };
    }
    let found = ui.bridge.suggest(&description, SUGGESTIONS);
    // The user's choice, else the best suggestion's category, else nothing: the category decides
    // which team answers, so the form never sends one the user did not see chosen. While the
    // guess's chunks are on the way, sending waits for it; with no guess the user picks.
    let chosen = if category.is_empty() { found.category.clone().unwrap_or_default() } else { (*category).clone() };
    let guessing = chosen.is_empty() && found.pending && !description.trim().is_empty();
    let busy = guessing || *outcome == Outcome::Sending;
    let suggestions = if description.trim().is_empty() { Vec::new() } else { found.articles };

    let context = ui.state.context.clone();
    let (ticket, chat) = requests(&subject, &description, &chosen, &name, &email, ui.host.channel, context);
    let onsubmit = {
        let (ticket, chat) = (json::text(&ticket), chat.clone());
        let (ui, outcome, key, via) = (ui.clone(), outcome.clone(), key.clone(), via.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if matches!(*outcome, Outcome::Sending) {
                return;
            }
            outcome.set(Outcome::Sending);
            let (ui, outcome, key) = (ui.clone(), outcome.clone(), key.clone());
            match *via.borrow() {
                Via::Ticket => {
                    let body = ticket.clone();
                    wasm_bindgen_futures::spawn_local(async move { outcome.set(file_ticket(&ui, "/tickets", &body, &key).await) });
                }
                Via::Chat => {
                    let chat = chat.clone();
                    wasm_bindgen_futures::spawn_local(async move { outcome.set(open_chat(&ui, &chat).await) });
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
    let to_requests = {
        let ui = ui.clone();
        Callback::from(move |_| ui.go(Place::Requests))
    };
    let done = match &*outcome {
        Outcome::Filed(number) => Some(html! {
            <div class="done" role="status">
                <p>{ fill(ui.t(Shared::TicketFiled), number) }</p>
                <button type="button" onclick={to_requests.clone()}>{ ui.t(Shared::TabRequests) }</button>
            </div>
        }),
        Outcome::Booked(number) => Some(html! {
            <div class="done" role="status">
                <p>{ fill(ui.t(Text::CallbackBooked), number) }</p>
                <button type="button" onclick={to_requests.clone()}>{ ui.t(Shared::TabRequests) }</button>
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
                    <textarea required=true rows="4" maxlength={limits::TEXT.to_string()} value={(*description).clone()} oninput={on_description} />
                </label>
                if !suggestions.is_empty() {
                    <div class="suggestions">
                        <p>{ ui.t(Text::Suggestions) }</p>
                        <ArticleList items={suggestions} open={ui.open_article()} label={ui.t(Text::Suggestions)} />
                    </div>
                }
                <label>{ ui.t(Text::Subject) }
                    <input maxlength={limits::SUBJECT.to_string()} placeholder={ui.t(Text::SubjectPlaceholder)} value={(*subject).clone()} oninput={field(&subject)} />
                </label>
                <label>{ ui.t(Text::Category) }
                    <select required=true onchange={on_category}>
                        <option value="" disabled=true selected={chosen.is_empty()}>{ ui.t(Text::ChooseCategory) }</option>
                        { for ui.state.categories.iter().map(|name| html! {
                            <option value={name.clone()} selected={*name == chosen}>{ name }</option>
                        }) }
                    </select>
                </label>
                if guessing {
                    <p class="hint">{ ui.t(Text::GuessingCategory) }</p>
                }
                <label>{ ui.t(Text::Name) }
                    <input maxlength={limits::NAME.to_string()} autocomplete="name" value={(*name).clone()} oninput={field(&name)} />
                </label>
                <label>{ ui.t(Text::Email) }
                    <input type="email" maxlength={limits::EMAIL.to_string()} autocomplete="email" value={(*email).clone()} oninput={field(&email)} />
                </label>
                if let Outcome::Failed(message) = &*outcome {
                    <p class="error" role="alert">{ ui.t(Text::SendFailed) }{ message.message() }</p>
                }
                if let Outcome::NoChat(why) = &*outcome {
                    <p class="error" role="alert">{ why }</p>
                } else {
                    <button type="submit" class="primary" disabled={busy} onclick={pressed(Via::Chat)}>
                        { ui.t(Text::StartChat) }
                    </button>
                    <p class="hint">{ ui.t(Text::OrTicket) }</p>
                }
                <button type="submit" disabled={busy} onclick={pressed(Via::Ticket)}>
                    { ui.t(if *outcome == Outcome::Sending { Text::Sending } else { Text::Submit }) }
                </button>
            </form>
            if matches!(*outcome, Outcome::NoChat(_)) {
                <CallbackForm request={chat} on_done={on_callback} />
            }
            if !ui.host.hotline.is_empty() {
                <p class="hint">{ ui.t(Text::Hotline) }<a href={format!("tel:{}", ui.host.hotline)}>{ &ui.host.hotline }</a></p>
            }
        </section>
    }
}

/// Files a ticket (`/tickets`) or a callback (`/callbacks`, answered the same way) through the
/// outbox; `body` is the request as JSON text, `key` its Idempotency-Key (none: not sent).
pub(super) async fn file_ticket(ui: &Ui, path: &str, body: &str, key: &Result<String, EdgeError>) -> Outcome {
    let key = match key {
        Ok(key) => key,
        Err(error) => return Outcome::Failed(error.clone()),
    };
    match ui.edge.send("ticket", path, body, Some(key)).await {
        Ok(Sent::Answered(answer)) => match read::<Filed>(answer.clone()) {
            Ok(created) => {
                ui.edge.remember_token(created.requester_token.as_deref());
                // The host page hears of the ticket as the edge wrote it.
                ui.host.emit("ticketCreated", js::get(&answer, "ticket"));
                Outcome::Filed(created.ticket.number)
            }
            Err(error) => Outcome::Failed(error),
        },
        Ok(Sent::Queued) => Outcome::Queued,
        Err(error) => Outcome::Failed(error),
    }
}

/// Asks the edge for a person: in line (the chat screen takes over) or told to leave a ticket.
async fn open_chat(ui: &Ui, chat: &NewChat) -> Outcome {
    match ui.edge.post::<ChatAdmission>("/chats", chat).await {
        Ok(ChatAdmission::Queued(opened)) => {
            ui.edge.remember_token(opened.requester_token.as_deref());
            ui.edge.set_active_chat(Some(&opened));
            ui.host.emit("chatStarted", json::value(&opened));
            ui.redraw.emit(());
            Outcome::Editing
        }
        Ok(ChatAdmission::LeaveTicket(fallback)) => Outcome::NoChat(match fallback.reason {
            FallbackReason::OutsideHours => fill(ui.t(Text::OutsideHours), fallback.business_hours),
            FallbackReason::WaitTooLong => ui.t(Text::WaitTooLong).to_string(),
            FallbackReason::NoAgentOnline => ui.t(Text::NoAgentOnline).to_string(),
        }),
        Err(error) => Outcome::Failed(error),
    }
}

/// What the form holds as the two requests it can send: a ticket, or a chat (whose first
/// message is the description; a callback request carries the same). Blank name or email are
/// left out; a blank subject becomes the opening of the description.
fn requests(subject: &str, description: &str, category: &str, name: &str, email: &str, channel: wire::tickets::Channel, context: TicketContext) -> (NewTicket, NewChat) {
    let given = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let ticket = NewTicket {
        subject: limits::subject_or_opening(Some(subject), description),
        description: description.trim().to_string(),
        category: category.to_string(),
        name: given(name),
        email: given(email),
        channel,
        context,
    };
    let chat = NewChat {
        message: ticket.description.clone(),
        subject: Some(ticket.subject.clone()),
        category: ticket.category.clone(),
        name: ticket.name.clone(),
        email: ticket.email.clone(),
        client_id: None,
        context: ticket.context.clone(),
    };
    (ticket, chat)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wire::tickets::Channel;

    #[test]
    fn the_form_sends_the_same_words_as_a_ticket_or_a_chat() {
        let (ticket, chat) = requests("  ", "VIP 扣了两次\n订单 123", "支付问题", " 李雷 ", "", Channel::App, TicketContext::default());
        assert_eq!(ticket.subject, "VIP 扣了两次", "a blank subject is the description's first line");
        assert_eq!((ticket.name.as_deref(), ticket.email.as_deref()), (Some("李雷"), None));
        assert_eq!(ticket.channel, Channel::App);
        assert_eq!((chat.message.as_str(), chat.subject.as_deref()), (ticket.description.as_str(), Some("VIP 扣了两次")));
    }
}
