//! Issue 7's "Queue and chats": the agent's presence and capacity, the waiting line of their
//! departments and their own chats in tabs, all over the desk socket
//! (`/api/v1/agent/desk/socket`, edge/PROTOCOL.md). The desk sends the whole picture on every
//! change; this screen keeps only what the agent chose (presence, capacity, the open tab) and
//! what it learned from the line (each chat's ticket and first words) for the tabs.

use std::collections::HashMap;

use gloo_timers::callback::Interval;
use web_sys::HtmlInputElement;
use wire::chat::{AgentStatus, ClientFrame, DeskSnapshot, MyChat, OverdueTask, ServerFrame};
use yew::prelude::*;

use super::chat_tab::ChatTab;
use super::queue::Queue;
use super::{use_session, use_ui};
use crate::app::{Session, Ui};
use crate::i18n::Text;
use crate::live::socket::{LiveSocket, SocketEvent};

/// Chats at once for an agent who has not said otherwise.
const DEFAULT_CAPACITY: u32 = 3;

#[function_component]
pub fn ChatsView() -> Html {
    let ui = use_ui();
    let session = use_session();
    html! { <Desk {ui} {session} /> }
}

#[derive(Properties, PartialEq)]
pub struct DeskProps {
    pub ui: Ui,
    pub session: Session,
}

pub enum DeskMsg {
    Socket(SocketEvent),
    Presence(AgentStatus),
    Capacity(u32),
    Accept(String),
    Select(String),
    Transfer { chat_id: String, department: String, note: String },
    CloseTab(String),
    /// The lead has seen this overdue task's notice.
    Dismiss(String),
    Tick,
}

/// What the desk told us about a chat, kept for its tab after it left the line. A chat the desk
/// assigned straight away was never seen waiting: its first words are unknown (empty).
#[derive(Clone)]
struct Known {
    ticket_id: String,
    first_message: String,
}

pub struct Desk {
    socket: LiveSocket,
    snapshot: Option<DeskSnapshot>,
    /// The presence the agent picked, sent again after a reconnect.
    chosen: Option<AgentStatus>,
    capacity: u32,
    known: HashMap<String, Known>,
    /// The agent's chats and the ended or transferred ones they have not closed yet.
    tabs: Vec<String>,
    selected: Option<String>,
    refused: Option<String>,
    /// The edge closed the desk socket for good with this code (signed out).
    closed_by: Option<u16>,
    /// Tasks of the departments this lead leads that went past their due time, newest first,
    /// until dismissed.
    overdue: Vec<OverdueTask>,
    now_ms: f64,
    _clock: Interval,
}

impl Component for Desk {
    type Message = DeskMsg;
    type Properties = DeskProps;

    fn create(ctx: &Context<Self>) -> Self {
        let token = crate::filters::percent_encode(ctx.props().session.api.token());
        let socket = LiveSocket::open(&format!("/api/v1/agent/desk/socket?agent_token={token}"), ctx.link().callback(DeskMsg::Socket));
        let clock = {
            let link = ctx.link().clone();
            Interval::new(1000, move || link.send_message(DeskMsg::Tick))
        };
        Desk {
            socket,
            snapshot: None,
            chosen: None,
            capacity: DEFAULT_CAPACITY,
            known: HashMap::new(),
            tabs: Vec::new(),
            selected: None,
            refused: None,
            closed_by: None,
            overdue: Vec::new(),
            now_ms: js_sys::Date::now(),
            _clock: clock,
        }
    }

    fn update(&mut self, _ctx: &Context<Self>, msg: DeskMsg) -> bool {
        match msg {
            DeskMsg::Socket(SocketEvent::Opened) => {
                self.socket.send(ClientFrame::Hello { last_seq: 0 });
                if let Some(status) = self.chosen {
                    self.socket.send(ClientFrame::Presence { status, capacity: self.capacity });
                }
                return false;
            }
            DeskMsg::Socket(SocketEvent::Lost) => self.snapshot = None,
            DeskMsg::Socket(SocketEvent::Refused(code)) => {
                self.snapshot = None;
                self.closed_by = Some(code);
            }
            DeskMsg::Socket(SocketEvent::Frame(ServerFrame::Desk(snapshot))) => self.desk(snapshot),
            DeskMsg::Socket(SocketEvent::Frame(ServerFrame::Error { code, .. })) => self.refused = Some(code),
            DeskMsg::Socket(SocketEvent::Frame(ServerFrame::TaskOverdue(task))) => {
                self.overdue.retain(|t| t.task_id != task.task_id);
                self.overdue.insert(0, task);
            }
            DeskMsg::Dismiss(task_id) => self.overdue.retain(|t| t.task_id != task_id),
            DeskMsg::Socket(SocketEvent::Frame(_)) => return false,
            DeskMsg::Presence(status) => {
                self.chosen = Some(status);
                self.refused = None;
                self.socket.send(ClientFrame::Presence { status, capacity: self.capacity });
            }
            DeskMsg::Capacity(capacity) => {
                self.capacity = capacity.max(1);
                if let Some(status) = self.chosen {
                    self.socket.send(ClientFrame::Presence { status, capacity: self.capacity });
                }
            }
            DeskMsg::Accept(chat_id) => {
                self.refused = None;
                self.socket.send(ClientFrame::Accept { chat_id });
            }
            DeskMsg::Select(chat_id) => self.selected = Some(chat_id),
            DeskMsg::Transfer { chat_id, department, note } => {
                self.refused = None;
                self.socket.send(ClientFrame::Transfer { chat_id, department, note });
            }
            DeskMsg::CloseTab(chat_id) => {
                self.tabs.retain(|c| *c != chat_id);
                if self.selected.as_deref() == Some(chat_id.as_str()) {
                    self.selected = self.tabs.first().cloned();
                }
            }
            DeskMsg::Tick => {
                self.now_ms = js_sys::Date::now();
                return self.snapshot.as_ref().is_some_and(|s| !s.waiting.is_empty());
            }
        }
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let DeskProps { ui, session } = ctx.props();
        let link = ctx.link();
        let status = self.snapshot.as_ref().map(|s| s.status);
        let presence = |value: AgentStatus, text: Text| {
            html! {
                <button type="button" aria-pressed={(status == Some(value)).to_string()}
                        onclick={link.callback(move |_| DeskMsg::Presence(value))}>{ ui.t(text) }</button>
            }
        };
        let on_capacity = link.callback(|e: InputEvent| DeskMsg::Capacity(e.target_unchecked_into::<HtmlInputElement>().value().parse().unwrap_or(1)));
        let status_text = match status {
            None => Text::DeskConnecting,
            Some(AgentStatus::Online) => Text::StatusOnline,
            Some(AgentStatus::Away) => Text::StatusAway,
            Some(AgentStatus::Offline) => Text::StatusOffline,
        };
        let mine: Vec<&str> = self.snapshot.as_ref().map(|s| s.mine.iter().map(|c| c.chat_id.as_str()).collect()).unwrap_or_default();
        let selected = self.selected.clone().filter(|s| self.tabs.contains(s)).or_else(|| self.tabs.first().cloned());
        html! {
            <section class="chats" aria-labelledby="chats-title">
                <h1 id="chats-title" tabindex="-1">{ ui.t(Text::NavChats) }</h1>
                <div class="presence" role="group" aria-label={ui.t(Text::Presence)}>
                    <p class="status" role="status">{ ui.t(status_text) }
                        if let Some(s) = &self.snapshot {
                            { " · " }{ browser_kit::locale::fill(ui.t(Text::AgentsOnline), s.agents_online) }
                        }
                    </p>
                    { presence(AgentStatus::Online, Text::GoOnline) }
                    { presence(AgentStatus::Away, Text::GoAway) }
                    <label>{ ui.t(Text::Capacity) }
                        <input type="number" min="1" max="20" value={self.capacity.to_string()} oninput={on_capacity} />
                    </label>
                </div>
                if let Some(code) = &self.refused {
                    <p class="error" role="alert">{ ui.t(crate::labels::desk_refusal(code)) }</p>
                }
                if let Some(code) = self.closed_by {
                    <p class="error" role="alert">{ ui.t(crate::labels::socket_refusal(code)) }</p>
                }
                <ul class="notices" aria-live="polite" aria-label={ui.t(Text::OverdueNotices)}>
                    { for self.overdue.iter().map(|task| {
                        let text = ui
                            .t(Text::OverdueNotice)
                            .replace("{department}", &crate::labels::department(&session.me, ui.locale, &task.department))
                            .replace("{number}", &task.case_number.to_string())
                            .replace("{question}", &task.question);
                        let id = task.task_id.clone();
                        html! {
                            <li>
                                { text }{ " " }
                                <a href={crate::route::Screen::Ticket(task.ticket_id.clone()).hash()}>{ ui.t(Text::OpenCase) }</a>{ " " }
                                <button type="button" onclick={link.callback(move |_| DeskMsg::Dismiss(id.clone()))}>{ ui.t(Text::DismissNotice) }</button>
                            </li>
                        }
                    }) }
                </ul>
                <Queue ui={ui.clone()} waiting={self.snapshot.as_ref().map(|s| s.waiting.clone()).unwrap_or_default()}
                       now_ms={self.now_ms} can_accept={status == Some(AgentStatus::Online)}
                       accept={link.callback(DeskMsg::Accept)} />
                <section class="my-chats" aria-labelledby="my-chats-title">
                    <h2 id="my-chats-title">{ ui.t(Text::MyChats) }</h2>
                    if self.tabs.is_empty() {
                        <p class="status">{ ui.t(Text::NoChatsYet) }</p>
                    } else {
                        <div role="tablist" aria-label={ui.t(Text::MyChats)}>
                            { for self.tabs.iter().enumerate().map(|(i, chat_id)| {
                                let current = selected.as_deref() == Some(chat_id.as_str());
                                let label = self.known.get(chat_id).filter(|k| !k.first_message.is_empty()).map(|k| snippet(&k.first_message))
                                    .unwrap_or_else(|| browser_kit::locale::fill(ui.t(Text::ChatNumber), i + 1));
                                let id = chat_id.clone();
                                html! {
                                    <button type="button" role="tab" id={format!("tab-{chat_id}")} aria-selected={current.to_string()}
                                            aria-controls={format!("panel-{chat_id}")} class={classes!((!mine.contains(&chat_id.as_str())).then_some("over"))}
                                            onclick={link.callback(move |_| DeskMsg::Select(id.clone()))}>{ label }</button>
                                }
                            }) }
                        </div>
                        // The panels' own element, so that Yew matches them by key alone: beside
                        // the tab list, adding a tab re-created the others (and their sockets).
                        <div class="chat-panels">
                            { for self.tabs.iter().map(|chat_id| {
                                let id = chat_id.clone();
                                let id2 = chat_id.clone();
                                html! {
                                    <ChatTab key={chat_id.clone()} chat_id={chat_id.clone()} ui={ui.clone()} session={session.clone()}
                                             ticket_id={self.known.get(chat_id).map(|k| k.ticket_id.clone()).filter(|t| !t.is_empty())}
                                             hidden={selected.as_deref() != Some(chat_id.as_str())}
                                             mine={mine.contains(&chat_id.as_str())}
                                             transfer={link.callback(move |(department, note): (String, String)| DeskMsg::Transfer { chat_id: id.clone(), department, note })}
                                             close={link.callback(move |_| DeskMsg::CloseTab(id2.clone()))} />
                                }
                            }) }
                        </div>
                    }
                </section>
            </section>
        }
    }

    fn destroy(&mut self, _ctx: &Context<Self>) {
        self.socket.close();
    }
}

impl Desk {
    fn desk(&mut self, snapshot: DeskSnapshot) {
        for w in &snapshot.waiting {
            self.known.insert(w.chat_id.clone(), Known { ticket_id: w.ticket_id.clone(), first_message: w.first_message.clone() });
        }
        for MyChat { chat_id, ticket_id } in &snapshot.mine {
            self.known.entry(chat_id.clone()).or_insert_with(|| Known { ticket_id: ticket_id.clone(), first_message: String::new() });
            if !self.tabs.contains(chat_id) {
                self.tabs.push(chat_id.clone());
                if self.selected.is_none() {
                    self.selected = Some(chat_id.clone());
                }
            }
        }
        self.snapshot = Some(snapshot);
    }
}

/// The start of a chat's first words, for its tab.
fn snippet(text: &str) -> String {
    const MAX: usize = 16;
    let mut out: String = text.chars().take(MAX).collect();
    if text.chars().count() > MAX {
        out.push('…');
    }
    out
}
