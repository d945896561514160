//! Who else is here: while a case is open its screen holds the case's socket (edge/PROTOCOL.md,
//! "Who else is here"), shows the other agents who have it open ("Also here: Ada (viewing),
//! Bo (replying…)") and tells the desk when this agent types, so two agents do not answer the
//! same user.

use std::cell::RefCell;
use std::rc::Rc;

use wire::chat::{Activity, ClientFrame, Onlooker, ServerFrame};
use yew::prelude::*;

use super::{use_session, use_ui};
use crate::i18n::Text;
use crate::live::socket::{LiveSocket, SocketEvent};
use crate::live::typing::TypingReports;

/// The others on the case, and the callback a composer calls with each keystroke (`true`) or
/// when its draft is sent or emptied (`false`).
pub struct Presence {
    pub others: Rc<Vec<Onlooker>>,
    pub typing: Callback<bool>,
    /// The edge closed the case's socket for good with this code (signed out, no longer reaching
    /// the case): who else is here is no longer known, and the screen says why.
    pub refused: Option<u16>,
}

/// Joins the case's socket while `ticket_id` is given: once the case has loaded, so a case the
/// agent may not read never opens one.
#[hook]
pub fn use_here(ticket_id: Option<&str>) -> Presence {
    let session = use_session();
    let others = use_state(|| Rc::new(Vec::new()));
    let refused = use_state(|| None::<u16>);
    let socket = use_mut_ref(|| None::<LiveSocket>);
    let reports = use_mut_ref(TypingReports::default);
    {
        let (others, refused, socket, api) = (others.clone(), refused.clone(), socket.clone(), session.api.clone());
        use_effect_with(ticket_id.map(str::to_string), move |id| {
            let token = crate::filters::percent_encode(api.token());
            let path = id.as_deref().map(|id| format!("/api/v1/agent/tickets/{}/socket?agent_token={token}", crate::filters::percent_encode(id)));
            // A case of its own: nobody known on it until its socket says so.
            others.set(Rc::new(Vec::new()));
            refused.set(None);
            let events = Callback::from(move |event| match event {
                SocketEvent::Frame(ServerFrame::Here(here)) => others.set(Rc::new(here.others)),
                // Nobody is known to be here until the socket is back (and says so again).
                SocketEvent::Lost => others.set(Rc::new(Vec::new())),
                // It will not be back: trying again would only be refused.
                SocketEvent::Refused(code) => {
                    others.set(Rc::new(Vec::new()));
                    refused.set(Some(code));
                }
                _ => {}
            });
            *socket.borrow_mut() = path.map(|path| LiveSocket::open(&path, events));
            move || {
                if let Some(socket) = socket.borrow_mut().take() {
                    socket.close();
                }
            }
        });
    }
    let typing = Callback::from(move |on: bool| report(&socket, &reports, on));
    Presence { others: (*others).clone(), typing, refused: *refused }
}

fn report(socket: &Rc<RefCell<Option<LiveSocket>>>, reports: &Rc<RefCell<TypingReports>>, on: bool) {
    let mut reports = reports.borrow_mut();
    let send = if on { reports.keystroke(js_sys::Date::now()) } else { reports.stopped() };
    if let (true, Some(socket)) = (send, socket.borrow().as_ref()) {
        socket.send(ClientFrame::Typing { on });
    }
}

#[derive(Properties, PartialEq)]
pub struct AlsoHereProps {
    pub others: Rc<Vec<Onlooker>>,
    pub refused: Option<u16>,
}

/// The line itself: a polite live region, there (empty) even when nobody else is, so screen
/// readers hear who arrives.
#[function_component]
pub fn AlsoHere(props: &AlsoHereProps) -> Html {
    let ui = use_ui();
    let names: Vec<String> = props
        .others
        .iter()
        .map(|o| browser_kit::locale::fill(ui.t(if o.activity == Activity::Replying { Text::HereReplying } else { Text::HereViewing }), &o.name))
        .collect();
    let replying = props.others.iter().any(|o| o.activity == Activity::Replying);
    html! {
        <p class={classes!("also-here", replying.then_some("replying"))} role="status" aria-live="polite">
            if let Some(code) = props.refused {
                { ui.t(crate::labels::socket_refusal(code)) }
            } else if !names.is_empty() {
                { browser_kit::locale::fill(ui.t(Text::AlsoHere), names.join(ui.t(Text::ListSeparator))) }
            }
        </p>
    }
}
