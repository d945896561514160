//! Live chat with a person: the place in line and the expected wait while waiting (updated by the
//! server whenever the line or the agents change), then the conversation with typing and read
//! state, and its end, where the user rates the chat and may have its transcript mailed. Reconnects by itself; nothing written is lost (see `chat::session`).

use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::chat_end::ChatEnd;
use super::use_ui;
use crate::ui::Ui;
use widget::desk::protocol::Place;
use crate::chat::links::{self, Piece};
use crate::chat::session::{Delivery, Line, Phase, Role, Session};
use crate::chat::socket::Connection;
use widget::edge::{new_key, ActiveChat};
use crate::i18n::{Shared, Text, fill};
use wire::limits;

#[derive(Properties, PartialEq)]
pub struct ChatProps {
    pub chat: ActiveChat,
}

#[function_component]
pub fn ChatView(props: &ChatProps) -> Html {
    let ui = use_ui();
    let redraw = use_force_update();
    let draft = use_state(String::new);
    let connection = {
        let (url, redraw) = (ui.edge.socket_url(&props.chat.socket_url), redraw.clone());
        // Client ids must differ between page loads: random, else (no random numbers) the time.
        let prefix = new_key().map(|key| key[..12].to_string()).unwrap_or_else(|_| format!("t{}", js_sys::Date::now() as u64));
        use_memo(props.chat.socket_url.clone(), move |_| Connection::open(url, &prefix, Callback::from(move |()| redraw.force_update())))
    };
    {
        // Closing the screen closes the socket; the chat itself goes on (a reload rejoins it).
        let connection: Rc<Connection> = (*connection).clone();
        use_effect_with(props.chat.socket_url.clone(), move |_| move || connection.close());
    }
    {
        // Whatever the agent wrote is on screen now: tell them it was read.
        let connection = connection.clone();
        use_effect(move || connection.read());
    }
    let onsubmit = {
        let (connection, draft) = (connection.clone(), draft.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = draft.trim().to_string();
            if !text.is_empty() {
                connection.write(&text);
                draft.set(String::new());
            }
        })
    };
    let oninput = {
        let (connection, draft) = (connection.clone(), draft.clone());
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            connection.typing(!text.trim().is_empty());
            draft.set(text);
        })
    };
    let end = {
        let connection = connection.clone();
        Callback::from(move |_| connection.end())
    };
    let session = connection.session();
    let ended = session.phase() == Phase::Ended;
    html! {
        <section class="chat">
            <p class="state" role="status" aria-live="polite">{ state(&ui, &session, &props.chat) }</p>
            <div role="log" aria-live="polite"><ol class="log">
                { for session.lines().iter().map(|line| line_view(&ui, &session, line)) }
            </ol></div>
            if session.agent_typing() {
                <p class="typing">{ ui.t(Text::AgentTyping) }</p>
            }
            if let Some(code) = session.refused() {
                <p class="error" role="alert">{ ui.t(Text::ChatRefused) }{ code }</p>
            }
            if ended {
                <ChatEnd chat_id={props.chat.chat_id.clone()} rated={props.chat.rated} />
                <div class="done">
                    <button type="button" onclick={leave(&ui, Place::Ticket(props.chat.ticket_id.clone()))}>{ ui.t(Text::ViewRequest) }</button>
                    <button type="button" onclick={leave(&ui, Place::Search)}>{ ui.t(Text::NewChat) }</button>
                </div>
            } else {
                <form class="composer" {onsubmit}>
                    <textarea aria-label={ui.t(Shared::AskLabel)} rows="2" maxlength={limits::CHAT_TEXT.to_string()} value={(*draft).clone()} {oninput} />
                    <button type="submit">{ ui.t(Shared::Send) }</button>
                </form>
                <button type="button" class="link" onclick={end}>{ ui.t(Text::EndChat) }</button>
            }
        </section>
    }
}

/// Leaves an ended chat for another screen; the tab forgets it.
fn leave(ui: &Ui, to: Place) -> Callback<MouseEvent> {
    let ui = ui.clone();
    Callback::from(move |_| {
        ui.edge.set_active_chat(None);
        ui.go(to.clone());
    })
}

fn state(ui: &Ui, session: &Session, chat: &ActiveChat) -> String {
    match session.phase() {
        Phase::Connecting => ui.t(Text::ChatConnecting).to_string(),
        Phase::Waiting { agents_online: 0, .. } => ui.t(Text::NoAgentsNow).to_string(),
        Phase::Waiting { position, wait_secs, .. } => {
            let place = position.map(|p| fill(ui.t(Text::QueuePosition), p)).unwrap_or_default();
            let wait = wait_secs.map(|s| fill(ui.t(Text::QueueWait), s.div_ceil(60).max(1))).unwrap_or_default();
            format!("{place} {wait}").trim().to_string()
        }
        Phase::WithAgent => fill(ui.t(Text::WithAgent), session.agent_name().unwrap_or(ui.t(Text::AgentSays))),
        Phase::Ended => fill(ui.t(Text::ChatEnded), chat.ticket_number),
    }
}

/// A line's words as text nodes; in what the agent wrote, web links become links. A link to one
/// of this help center's articles opens the article here in the widget (Back returns to the
/// chat); any other opens in a new tab, outside the host page.
fn text_view(ui: &Ui, line: &Line) -> Html {
    if line.role != Role::Agent {
        return html! { &line.text };
    }
    links::pieces(&line.text)
        .into_iter()
        .map(|piece| match piece {
            Piece::Text(text) => html! { text },
            Piece::Link(url) => match links::help_article(url, &ui.host.edge) {
                Some(id) => {
                    let id = js_sys::decode_uri_component(id).map(String::from).unwrap_or_else(|_| id.to_string());
                    let onclick = ui.open_article().reform(move |e: MouseEvent| {
                        e.prevent_default();
                        id.clone()
                    });
                    html! { <a href={url.to_string()} {onclick}>{ url }</a> }
                }
                None => html! { <a href={url.to_string()} target="_blank" rel="noopener noreferrer">{ url }</a> },
            },
        })
        .collect()
}

fn line_view(ui: &Ui, session: &Session, line: &Line) -> Html {
    let (class, who) = match line.role {
        Role::User => ("user", ui.t(Shared::You).to_string()),
        Role::Agent => ("agent", if line.name.is_empty() { ui.t(Text::AgentSays).to_string() } else { line.name.clone() }),
        Role::Bot => ("bot", ui.t(Shared::Bot).to_string()),
        Role::System => ("system", ui.t(Text::SystemSays).to_string()),
    };
    let delivery = (line.role == Role::User).then(|| {
        ui.t(match session.delivery(line) {
            Delivery::Sending => Text::DeliverySending,
            Delivery::Delivered => Text::DeliveryDelivered,
            Delivery::Read => Text::DeliveryRead,
        })
    });
    html! {
        <li class={class}>
            <span class="who">{ who }</span>{ text_view(ui, line) }
            if let Some(delivery) = delivery {
                <span class="delivery">{ delivery }</span>
            }
        </li>
    }
}
