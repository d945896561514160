//! The desk module's root: it picks the screen the search-first module asked for (the ticket
//! form, or the chat this tab has open; My requests; a ticket) and hands every screen what it
//! shares as [`Ui`].

use std::rc::Rc;

use browser_kit::locale::Texts;
use widget::desk::protocol::{Bridge, Place, State};
use widget::edge::Edge;
use widget::host::Host;
use yew::prelude::*;

use crate::views::{chat::ChatView, contact::ContactView, requests::RequestsView, ticket::TicketView};

/// What every desk screen reads.
#[derive(Clone)]
pub struct Ui {
    pub host: Rc<Host>,
    pub edge: Rc<Edge>,
    pub bridge: Rc<Bridge>,
    pub state: Rc<State>,
    /// Draws the desk again (a chat opened: the form gives way to it).
    pub redraw: Callback<()>,
}

impl PartialEq for Ui {
    fn eq(&self, other: &Ui) -> bool {
        Rc::ptr_eq(&self.state, &other.state)
    }
}

impl Ui {
    pub fn t(&self, text: impl Texts) -> &'static str {
        self.state.locale.text(text)
    }

    pub fn go(&self, place: Place) {
        self.bridge.go(&place);
    }

    /// What an article link does: the search-first module opens it.
    pub fn open_article(&self) -> Callback<String> {
        let bridge = self.bridge.clone();
        Callback::from(move |id| bridge.go(&Place::Article(id)))
    }
}

#[derive(Properties)]
pub struct DeskProps {
    pub host: Rc<Host>,
    pub edge: Rc<Edge>,
    pub bridge: Rc<Bridge>,
    pub state: Rc<State>,
}

impl PartialEq for DeskProps {
    fn eq(&self, other: &DeskProps) -> bool {
        self.state == other.state
    }
}

#[function_component]
pub fn DeskApp(props: &DeskProps) -> Html {
    let redraw = use_force_update();
    // The host page may have said who the user is since the desk was mounted.
    if props.edge.identity() != props.state.identity {
        props.edge.identify(props.state.identity.clone());
    }
    let ui = Ui {
        host: props.host.clone(),
        edge: props.edge.clone(),
        bridge: props.bridge.clone(),
        state: props.state.clone(),
        redraw: Callback::from(move |()| redraw.force_update()),
    };
    let screen = match &props.state.screen {
        Place::Contact => match props.edge.active_chat() {
            Some(chat) => html! { <ChatView {chat} /> },
            None => html! { <ContactView /> },
        },
        Place::Requests => html! { <RequestsView /> },
        Place::Ticket(id) => html! { <TicketView key={id.clone()} id={id.clone()} /> },
        // The search-first module shows these itself.
        Place::Search | Place::Article(_) => html! {},
    };
    html! {
        <ContextProvider<Ui> context={ui}>{ screen }</ContextProvider<Ui>>
    }
}
