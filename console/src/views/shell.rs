//! The frame around the signed-in screens: the console's name, the navigation (tickets, tasks
//! asked of one's departments, analytics, live chat, team, mail settings, audit log, knowledge base — each only for the roles that may use it), the agent,
//! language, shortcuts and sign out.

use browser_kit::locale::Locale;
use yew::prelude::*;

use super::accept::Accept;
use super::analytics::AnalyticsView;
use super::staffing::StaffingView;
use super::audit::AuditView;
use super::chats::ChatsView;
use super::help::ShortcutHelp;
use super::kb_editor::KbEditorView;
use super::kb_list::{KbListView, KbPlace};
use super::mail_settings::MailSettingsView;
use super::tasks::TasksView;
use super::team::TeamView;
use super::ticket::TicketView;
use super::tickets::TicketsView;
use super::{use_session, use_ui};
use crate::access;
use crate::filters::Filters;
use crate::app::Msg;
use crate::i18n::Text;
use crate::route::Screen;
use crate::session;

#[derive(Properties, PartialEq)]
pub struct ShellProps {
    pub help_open: bool,
}

#[function_component]
pub fn Shell(props: &ShellProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let filters = use_state(Filters::default);
    let kb_place = use_state(|| KbPlace { locale: ui.locale, section: None, status: None, from_search: None });
    let link = |screen: Screen, text: Text, current: bool| {
        if !access::may_open(&session.me, &screen) {
            return html! {};
        }
        html! {
            <a href={screen.hash()} aria-current={current.then_some("page")}>{ ui.t(text) }</a>
        }
    };
    // The default place shows an editor who works no cases the knowledge base.
    let screen = if ui.screen == Screen::Tickets { access::home(&session.me) } else { ui.screen.clone() };
    let on_tickets = matches!(screen, Screen::Tickets | Screen::Ticket(_));
    let on_kb = matches!(screen, Screen::Kb | Screen::KbNew | Screen::KbArticle(_));
    let other = match ui.locale {
        Locale::ZhCn => Locale::EnUs,
        Locale::EnUs => Locale::ZhCn,
    };
    let body = match &screen {
        // The worker refuses these too; the console says so instead of showing a failed load.
        screen if !access::may_open(&session.me, screen) => html! {
            <section><h1 tabindex="-1">{ ui.t(Text::ConsoleName) }</h1><p class="status">{ ui.t(Text::NotForYou) }</p></section>
        },
        Screen::Tickets => html! { <TicketsView filters={filters.clone()} /> },
        Screen::Ticket(id) => html! { <TicketView key={id.clone()} id={id.clone()} /> },
        Screen::Tasks => html! { <TasksView /> },
        Screen::Analytics => html! { <AnalyticsView place={kb_place.clone()} /> },
        Screen::Staffing => html! { <StaffingView /> },
        Screen::Chats => html! { <ChatsView /> },
        Screen::Team => html! { <TeamView /> },
        Screen::Mail => html! { <MailSettingsView /> },
        Screen::Audit => html! { <AuditView /> },
        Screen::Kb => html! { <KbListView place={kb_place.clone()} /> },
        Screen::KbNew => html! { <KbEditorView key="new" id={None::<String>} place={kb_place.clone()} /> },
        Screen::KbArticle(id) => html! { <KbEditorView key={id.clone()} id={Some(id.clone())} place={kb_place.clone()} /> },
        Screen::Accept(token) => html! { <Accept token={token.clone()} /> },
    };
    // A password sign-in's session ends at the edge too; a pasted token is only forgotten here.
    let sign_out = {
        let (api, send) = (session.api.clone(), ui.send.clone());
        Callback::from(move |_: MouseEvent| {
            let (api, send) = (api.clone(), send.clone());
            if !session::by_password() {
                return send.emit(Msg::SignOut);
            }
            wasm_bindgen_futures::spawn_local(async move {
                // Signed out in the tab whatever the answer: an unreachable edge ends the session
                // when it expires.
                let _ = api.sign_out().await;
                send.emit(Msg::SignOut);
            });
        })
    };
    html! {
        <>
            <a class="skip" href="#main">{ ui.t(Text::SkipToContent) }</a>
            <header class="top">
                <span class="brand">{ ui.t(Text::ConsoleName) }</span>
                <nav aria-label={ui.t(Text::Navigation)}>
                    { link(Screen::Tickets, Text::NavTickets, on_tickets) }
                    { link(Screen::Tasks, Text::NavTasks, ui.screen == Screen::Tasks) }
                    { link(Screen::Analytics, Text::NavAnalytics, ui.screen == Screen::Analytics) }
                    { link(Screen::Staffing, Text::NavStaffing, ui.screen == Screen::Staffing) }
                    { link(Screen::Chats, Text::NavChats, ui.screen == Screen::Chats) }
                    { link(Screen::Team, Text::NavTeam, ui.screen == Screen::Team) }
                    { link(Screen::Mail, Text::NavMail, ui.screen == Screen::Mail) }
                    { link(Screen::Audit, Text::NavAudit, ui.screen == Screen::Audit) }
                    { link(Screen::Kb, Text::NavKb, on_kb) }
                </nav>
                <span class="me">{ format!("{} · {}", session.me.agent.name, session.me.agent.department) }</span>
                <button type="button" lang={other.tag()} onclick={ui.send.reform(move |_| Msg::SetLocale(other))}>
                    { ui.t(Text::OtherLanguage) }
                </button>
                <button type="button" aria-keyshortcuts="?" onclick={ui.send.reform(|_| Msg::Key(crate::shortcuts::Action::Help))}>
                    { ui.t(Text::Shortcuts) }
                </button>
                <button type="button" onclick={sign_out}>{ ui.t(Text::SignOut) }</button>
            </header>
            <main id="main" tabindex="-1">{ body }</main>
            if props.help_open {
                <ShortcutHelp />
            }
        </>
    }
}
