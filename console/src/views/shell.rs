//! The frame around the signed-in screens: the console's name, the navigation (tickets,
//! analytics, and the place kept for live chat), the agent, language, shortcuts and sign out.

use browser_kit::locale::Locale;
use yew::prelude::*;

use super::analytics::AnalyticsView;
use super::chats::ChatsView;
use super::help::ShortcutHelp;
use super::ticket::TicketView;
use super::tickets::TicketsView;
use super::{use_session, use_ui};
use crate::filters::Filters;
use crate::app::Msg;
use crate::i18n::Text;
use crate::route::Screen;

#[derive(Properties, PartialEq)]
pub struct ShellProps {
    pub help_open: bool,
}

#[function_component]
pub fn Shell(props: &ShellProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let filters = use_state(Filters::default);
    let link = |screen: Screen, text: Text, current: bool| {
        html! {
            <a href={screen.hash()} aria-current={current.then_some("page")}>{ ui.t(text) }</a>
        }
    };
    let on_tickets = matches!(ui.screen, Screen::Tickets | Screen::Ticket(_));
    let other = match ui.locale {
        Locale::ZhCn => Locale::EnUs,
        Locale::EnUs => Locale::ZhCn,
    };
    let body = match &ui.screen {
        Screen::Tickets => html! { <TicketsView filters={filters.clone()} /> },
        Screen::Ticket(id) => html! { <TicketView key={id.clone()} id={id.clone()} /> },
        Screen::Analytics => html! { <AnalyticsView /> },
        Screen::Chats => html! { <ChatsView /> },
    };
    html! {
        <>
            <a class="skip" href="#main">{ ui.t(Text::SkipToContent) }</a>
            <header class="top">
                <span class="brand">{ ui.t(Text::ConsoleName) }</span>
                <nav aria-label={ui.t(Text::Navigation)}>
                    { link(Screen::Tickets, Text::NavTickets, on_tickets) }
                    { link(Screen::Analytics, Text::NavAnalytics, ui.screen == Screen::Analytics) }
                    { link(Screen::Chats, Text::NavChats, ui.screen == Screen::Chats) }
                </nav>
                <span class="me">{ format!("{} · {}", session.me.agent.name, session.me.agent.department) }</span>
                <button type="button" lang={other.tag()} onclick={ui.send.reform(move |_| Msg::SetLocale(other))}>
                    { ui.t(Text::OtherLanguage) }
                </button>
                <button type="button" aria-keyshortcuts="?" onclick={ui.send.reform(|_| Msg::Key(crate::shortcuts::Action::Help))}>
                    { ui.t(Text::Shortcuts) }
                </button>
                <button type="button" onclick={ui.send.reform(|_| Msg::SignOut)}>{ ui.t(Text::SignOut) }</button>
            </header>
            <main id="main" tabindex="-1">{ body }</main>
            if props.help_open {
                <ShortcutHelp />
            }
        </>
    }
}
