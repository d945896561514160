//! Which mails went to the requester about this ticket, and what became of each: sent, waiting
//! for its next attempt, or failed with the reason the platform gave. Read again whenever the
//! ticket changes (a reply queues a mail). An agent may revoke the links those mails carried
//! (a mail forwarded to the wrong person); the edge audits it.

use browser_kit::locale::fill;
use wire::mail::{MailStatus, TicketMails as Mails};
use yew::prelude::*;

use super::{use_session, use_ui};
use crate::i18n::Text;
use crate::labels;

#[derive(Properties, PartialEq)]
pub struct TicketMailsProps {
    pub ticket_id: String,
    /// The ticket's version: a change reads the mails again.
    pub version: i64,
}

#[function_component]
pub fn TicketMails(props: &TicketMailsProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let mails = use_state(|| None::<Result<Mails, String>>);
    {
        let (api, mails) = (session.api.clone(), mails.clone());
        use_effect_with((props.ticket_id.clone(), props.version), move |(id, _)| {
            let id = id.clone();
            wasm_bindgen_futures::spawn_local(async move {
                mails.set(Some(api.mails(&id).await.map_err(|e| e.message())));
            });
        });
    }
    let revoke = {
        let (api, mails, ui, id) = (session.api.clone(), mails.clone(), ui.clone(), props.ticket_id.clone());
        Callback::from(move |_: MouseEvent| {
            let (api, mails, ui, id) = (api.clone(), mails.clone(), ui.clone(), id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let revoked = api.revoke_mail_links(&id).await.map_err(|e| e.message());
                if revoked.is_ok() {
                    ui.announce(ui.t(Text::MailLinksRevoked));
                }
                mails.set(Some(revoked));
            });
        })
    };
    let list = match &*mails {
        None => html! {},
        Some(Err(message)) => html! { <p class="error" role="alert">{ ui.t(Text::ActionFailed) }{ " " }{ message }</p> },
        Some(Ok(found)) if found.mails.is_empty() => html! { <p class="status">{ ui.t(Text::NoMails) }</p> },
        Some(Ok(found)) => html! {
            <ul class="mails">
                { for found.mails.iter().map(|m| html! {
                    <li class={classes!("mail", (m.status == MailStatus::Failed).then_some("failed"))}>
                        <span>{ ui.t(labels::mail_kind(m.kind)) }{ " · " }{ ui.t(labels::mail_status(m.status)) }{ " · " }{ labels::time(ui.locale, m.sent_at.unwrap_or(m.created_at)) }</span>
                        <br /><span class="subject">{ &m.subject }</span>{ " → " }{ &m.recipient }
                        if m.status != MailStatus::Sent && m.attempts > 0 {
                            <br /><span>{ fill(ui.t(Text::MailAttempts), m.attempts) }</span>
                        }
                        if let Some(reason) = m.last_error.as_ref().filter(|_| m.status != MailStatus::Sent) {
                            <br /><span class="reason">{ reason }</span>
                        }
                    </li>
                }) }
            </ul>
        },
    };
    html! {
        <>
            <h3>{ ui.t(Text::Mails) }</h3>
            { list }
            if matches!(&*mails, Some(Ok(found)) if !found.mails.is_empty()) {
                <button type="button" class="revoke-links" onclick={revoke}>{ ui.t(Text::RevokeMailLinks) }</button>
            }
        </>
    }
}
