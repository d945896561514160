//! The waiting line of the agent's departments: how long each user has waited, the priority,
//! why triage raised it, their first words (and the note of a team that handed it over), and
//! Accept. Highest priority first, then longest wait, as the desk serves them.

use wire::chat::WaitingEntry;
use yew::prelude::*;

use crate::app::Ui;
use crate::i18n::Text;
use crate::labels;

#[derive(Properties, PartialEq)]
pub struct QueueProps {
    pub ui: Ui,
    pub waiting: Vec<WaitingEntry>,
    pub now_ms: f64,
    /// Only an online agent can take a chat.
    pub can_accept: bool,
    pub accept: Callback<String>,
}

#[function_component]
pub fn Queue(props: &QueueProps) -> Html {
    let ui = &props.ui;
    html! {
        <section class="queue" aria-labelledby="queue-title">
            <h2 id="queue-title">{ browser_kit::locale::fill(ui.t(Text::QueueTitle), props.waiting.len()) }</h2>
            if props.waiting.is_empty() {
                <p class="status">{ ui.t(Text::NobodyWaiting) }</p>
            } else {
                <ul class="waiting">
                    { for props.waiting.iter().map(|w| entry(props, w)) }
                </ul>
            }
        </section>
    }
}

fn entry(props: &QueueProps, w: &WaitingEntry) -> Html {
    let ui = &props.ui;
    let waited_secs = ((props.now_ms - w.waiting_since as f64) / 1000.0).max(0.0) as u64;
    let chat_id = w.chat_id.clone();
    let accept = props.accept.reform(move |_| chat_id.clone());
    html! {
        <li class="waiting-chat">
            <p class="facts">
                <span class={classes!("badge", w.priority.as_str())}>{ ui.t(labels::priority(w.priority)) }</span>
                <span class="badge">{ &w.department }</span>
                <span class="waited">{ labels::waited(ui.locale, waited_secs) }</span>
            </p>
            if !w.reasons.is_empty() {
                <ul class="chips" aria-label={ui.t(Text::Triage)}>
                    { for w.reasons.iter().map(|&r| html! { <li>{ ui.t(labels::triage(r)) }</li> }) }
                </ul>
            }
            <p class="first-message">{ &w.first_message }</p>
            if let Some(note) = &w.transfer_note {
                <p class="transfer-note"><span class="who">{ ui.t(Text::TransferredBecause) }</span>{ " " }{ note }</p>
            }
            <button type="button" disabled={!props.can_accept} onclick={accept}>{ ui.t(Text::Accept) }</button>
        </li>
    }
}
