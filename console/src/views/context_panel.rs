//! What the requester did before asking (the widget's journey) and their other tickets on any
//! channel, and for a callback request the number and time to call: nobody should have to ask
//! them again. For an admin, the requester's data: export it, or erase it.

use std::rc::Rc;

use wire::agent::AgentTicket;
use wire::chat::Speaker;
use yew::prelude::*;

use super::requester_data::RequesterData;
use super::{use_session, use_ui};
use crate::access;
use crate::i18n::Text;
use crate::labels;
use crate::route::Screen;

#[derive(Properties, PartialEq)]
pub struct ContextProps {
    pub ticket: Rc<AgentTicket>,
    /// The requester's data was erased: read the ticket again.
    #[prop_or_default]
    pub erased: Callback<()>,
}

#[function_component]
pub fn ContextPanel(props: &ContextProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let c = &props.ticket.context;
    let others = &props.ticket.other_tickets;
    let none = || html! { <p class="status">{ ui.t(Text::Nothing) }</p> };
    let speaker = |s: Speaker| {
        ui.t(match s {
            Speaker::User => Text::Requester,
            Speaker::Bot => Text::Bot,
            Speaker::Agent => Text::Agent,
            Speaker::System => Text::System,
        })
    };
    html! {
        <section class="context" aria-labelledby="context-title">
            <h2 id="context-title">{ ui.t(Text::Context) }</h2>
            if !c.triage.is_empty() {
                <h3>{ ui.t(Text::Triage) }</h3>
                <ul class="chips">{ for c.triage.iter().map(|&r| html! { <li>{ ui.t(labels::triage(r)) }</li> }) }</ul>
            }
            if let Some(callback) = &c.callback {
                // A callback request: whom to call and when, before anything else.
                <h3>{ ui.t(Text::CallBack) }</h3>
                <p class="callback">{ &callback.phone }{ " · " }{ labels::time(ui.locale, callback.at) }</p>
            }
            <h3>{ ui.t(Text::Searches) }</h3>
            if c.searches.is_empty() { { none() } } else {
                <ul>{ for c.searches.iter().map(|q| html! { <li>{ q }</li> }) }</ul>
            }
            <h3>{ ui.t(Text::ArticlesRead) }</h3>
            if c.articles_read.is_empty() { { none() } } else {
                <ul>{ for c.articles_read.iter().map(|a| html! { <li>{ a }</li> }) }</ul>
            }
            <h3>{ ui.t(Text::BotTranscript) }</h3>
            if c.bot_transcript.is_empty() { { none() } } else {
                <ol class="transcript">
                    { for c.bot_transcript.iter().map(|l| html! { <li><span class="who">{ speaker(l.speaker) }</span>{ &l.text }</li> }) }
                </ol>
            }
            <h3>{ ui.t(Text::Page) }</h3>
            // Shown as text, not a link: a page address is whatever the requester's browser sent.
            <p class="page">{ c.page_url.clone().unwrap_or_else(|| ui.t(Text::Nothing).to_string()) }</p>
            <h3>{ ui.t(Text::EarlierTickets) }</h3>
            if others.is_empty() { { none() } } else {
                <ul>
                    { for others.iter().map(|o| html! {
                        <li>
                            <a href={Screen::Ticket(o.id.clone()).hash()}>{ format!("#{} ", o.number) }{ &o.subject }</a>
                            { " · " }{ ui.t(labels::channel(o.channel)) }{ " · " }{ ui.t(labels::status(o.status)) }
                        </li>
                    }) }
                </ul>
            }
            if access::may(&session.me, desk::team::Ability::RequesterData) {
                <RequesterData ticket_id={props.ticket.ticket.summary.id.clone()} erased={props.erased.clone()} />
            }
        </section>
    }
}
