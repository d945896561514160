//! One of the agent's chats, in its tab: the conversation over its own socket
//! (`/api/v1/agent/chats/{id}/socket`), the user's typing, read receipts both ways, the
//! composer with a search that inserts a help article's link, a transfer to another
//! department (the note is required) and the end; beside it the context of the chat's ticket
//! (bot transcript, searches, articles read, page, earlier tickets). The socket stays open
//! while the tab is hidden, so nothing waits for a click.

use std::rc::Rc;

use browser_kit::locale::Locale;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use wire::agent::AgentTicket;
use wire::chat::{ServerFrame, Speaker};
use yew::prelude::*;

use super::article_picker::ArticlePicker;
use super::context_panel::ContextPanel;
use super::Load;
use crate::app::{Session, Ui};
use crate::i18n::Text;
use crate::labels;
use crate::live::conversation::{Conversation, Line, Phase};
use crate::live::socket::{LiveSocket, SocketEvent};

#[derive(Properties, PartialEq)]
pub struct ChatTabProps {
    pub chat_id: String,
    /// Known once the chat was seen in the line.
    pub ticket_id: Option<String>,
    pub ui: Ui,
    pub session: Session,
    pub hidden: bool,
    /// Whether the desk still counts the chat as this agent's.
    pub mine: bool,
    /// (department, note): the desk hands the chat over.
    pub transfer: Callback<(String, String)>,
    pub close: Callback<()>,
}

pub enum TabMsg {
    Socket(SocketEvent),
    Draft(String),
    /// (title, link) of a help article to put into the reply.
    InsertLink((String, String)),
    Send,
    TransferTo(String),
    TransferNote(String),
    Transfer,
    End,
    Ticket(Load<Rc<AgentTicket>>),
}

pub struct ChatTab {
    socket: LiveSocket,
    conversation: Conversation,
    draft: String,
    transfer_to: String,
    transfer_note: String,
    note_missing: bool,
    ticket: Option<Load<Rc<AgentTicket>>>,
    composer: NodeRef,
    /// An article link was just inserted: the agent goes on in the reply, where it landed.
    focus_composer: bool,
}

impl Component for ChatTab {
    type Message = TabMsg;
    type Properties = ChatTabProps;

    fn create(ctx: &Context<Self>) -> Self {
        let props = ctx.props();
        let token = crate::filters::percent_encode(props.session.api.token());
        let chat = crate::filters::percent_encode(&props.chat_id);
        // The desk lists a chat as ours only once the chat knows its agent: connect at once.
        let socket = LiveSocket::open(&format!("/api/v1/agent/chats/{chat}/socket?agent_token={token}"), ctx.link().callback(TabMsg::Socket));
        let prefix = format!("console-{:x}", (js_sys::Math::random() * 1e15) as u64);
        let mut tab = ChatTab {
            socket,
            conversation: Conversation::new(&prefix),
            draft: String::new(),
            transfer_to: String::new(),
            transfer_note: String::new(),
            note_missing: false,
            ticket: None,
            composer: NodeRef::default(),
            focus_composer: false,
        };
        tab.load_ticket(ctx);
        tab
    }

    fn changed(&mut self, ctx: &Context<Self>, _old: &Self::Properties) -> bool {
        // Gone from the agent's chats while the socket is down: it will not come back.
        if !ctx.props().mine && self.conversation.phase() == Phase::Connecting {
            self.conversation.left();
            self.socket.close();
        }
        if self.ticket.is_none() {
            self.load_ticket(ctx);
        }
        self.send_read_receipt(ctx);
        true
    }

    fn update(&mut self, ctx: &Context<Self>, msg: TabMsg) -> bool {
        match msg {
            TabMsg::Socket(SocketEvent::Opened) => {
                for frame in self.conversation.connected() {
                    self.socket.send(frame);
                }
                return false;
            }
            TabMsg::Socket(SocketEvent::Lost) => {
                self.conversation.disconnected();
                if !ctx.props().mine {
                    self.conversation.left();
                }
                if !self.conversation.goes_on() {
                    self.socket.close();
                }
            }
            // Signed out: the chat goes on without this agent's console.
            TabMsg::Socket(SocketEvent::Refused(_)) => {
                self.conversation.disconnected();
                self.conversation.left();
            }
            TabMsg::Socket(SocketEvent::Frame(frame)) => {
                let over = matches!(frame, ServerFrame::Ended { .. } | ServerFrame::Transferred { .. });
                self.conversation.receive(frame);
                if over {
                    self.socket.close();
                    let ui = &ctx.props().ui;
                    ui.announce(ui.t(if self.conversation.phase() == Phase::Ended { Text::ChatEnded } else { Text::ChatTransferred }));
                }
                self.send_read_receipt(ctx);
            }
            TabMsg::Draft(text) => {
                if let Some(frame) = self.conversation.typing(!text.trim().is_empty()) {
                    self.socket.send(frame);
                }
                self.draft = text;
            }
            TabMsg::InsertLink((title, url)) => {
                self.draft = crate::faq::with_link(&self.draft, &title, &url);
                if let Some(frame) = self.conversation.typing(true) {
                    self.socket.send(frame);
                }
                self.focus_composer = true;
            }
            TabMsg::Send => {
                let text = self.draft.trim().to_string();
                if text.is_empty() {
                    return false;
                }
                let frame = self.conversation.write(&text);
                self.socket.send(frame);
                self.draft.clear();
            }
            TabMsg::TransferTo(department) => self.transfer_to = department,
            TabMsg::TransferNote(note) => {
                self.transfer_note = note;
                self.note_missing = false;
            }
            TabMsg::Transfer => {
                let note = self.transfer_note.trim().to_string();
                let department = self.department(ctx);
                if note.is_empty() {
                    self.note_missing = true;
                } else {
                    ctx.props().transfer.emit((department, note));
                }
            }
            TabMsg::End => {
                let frame = self.conversation.end();
                self.socket.send(frame);
            }
            TabMsg::Ticket(load) => self.ticket = Some(load),
        }
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let props = ctx.props();
        let ui = &props.ui;
        let link = ctx.link();
        let c = &self.conversation;
        let phase = c.phase();
        let open = phase == Phase::Open;
        let state = match phase {
            Phase::Connecting => Text::ChatConnecting,
            Phase::Open => Text::ChatOpen,
            Phase::Transferred => Text::ChatTransferred,
            Phase::Ended => Text::ChatEnded,
        };
        let on_send = link.callback(|e: SubmitEvent| {
            e.prevent_default();
            TabMsg::Send
        });
        let on_draft = link.callback(|e: InputEvent| TabMsg::Draft(e.target_unchecked_into::<HtmlTextAreaElement>().value()));
        let on_key = link.batch_callback(|e: KeyboardEvent| {
            (e.key() == "Enter" && !e.shift_key() && !e.is_composing()).then(|| {
                e.prevent_default();
                TabMsg::Send
            })
        });
        let on_transfer = link.callback(|e: SubmitEvent| {
            e.prevent_default();
            TabMsg::Transfer
        });
        let department = self.department(ctx);
        let field = |name: &str| format!("{name}-{}", props.chat_id);
        html! {
            <div class="chat-tab" role="tabpanel" id={format!("panel-{}", props.chat_id)} aria-labelledby={format!("tab-{}", props.chat_id)} hidden={props.hidden}>
                <div class="conversation">
                    <p class="status" role="status">{ ui.t(state) }</p>
                    // The log role sits on a wrapper: on the list itself it would hide the items'
                    // list semantics.
                    <div role="log" aria-label={ui.t(Text::Conversation)}>
                        <ol class="transcript live">
                            { for c.lines().iter().map(|line| self.line(ui, line)) }
                        </ol>
                    </div>
                    if c.user_typing() {
                        <p class="typing" aria-live="polite">{ ui.t(Text::UserTyping) }</p>
                    }
                    if let Some(code) = c.refused() {
                        <p class="error" role="alert">{ ui.t(labels::desk_refusal(code)) }</p>
                    }
                    if open {
                        <form class="chat-composer" onsubmit={on_send}>
                            <label for={field("chat-text")}>{ ui.t(Text::ChatReplyLabel) }</label>
                            <textarea id={field("chat-text")} ref={self.composer.clone()} rows="3" maxlength={wire::limits::CHAT_TEXT.to_string()} value={self.draft.clone()} oninput={on_draft} onkeydown={on_key} />
                            <button type="submit">{ ui.t(Text::Send) }</button>
                        </form>
                        <ArticlePicker ui={ui.clone()} locale={self.user_locale(ui)} chat_id={props.chat_id.clone()} pick={link.callback(TabMsg::InsertLink)} />
                        <form class="transfer" onsubmit={on_transfer}>
                            <h3>{ ui.t(Text::TransferChat) }</h3>
                            <label for={field("transfer-to")}>{ ui.t(Text::Department) }</label>
                            <select id={field("transfer-to")} onchange={link.callback(|e: Event| TabMsg::TransferTo(e.target_unchecked_into::<HtmlSelectElement>().value()))}>
                                { for self.other_departments(ctx).map(|d| html! { <option value={d.clone()} selected={*d == department}>{ d }</option> }) }
                            </select>
                            <label for={field("transfer-note")}>{ ui.t(Text::TransferNote) }</label>
                            <input id={field("transfer-note")} aria-required="true" value={self.transfer_note.clone()} aria-invalid={self.note_missing.then_some("true")}
                                   oninput={link.callback(|e: InputEvent| TabMsg::TransferNote(e.target_unchecked_into::<HtmlInputElement>().value()))} />
                            if self.note_missing {
                                <p class="error" role="alert">{ ui.t(Text::TransferNeedsNote) }</p>
                            }
                            <button type="submit" disabled={department.is_empty()}>{ ui.t(Text::Transfer) }</button>
                        </form>
                        <button type="button" class="end" onclick={link.callback(|_| TabMsg::End)}>{ ui.t(Text::EndChat) }</button>
                    }
                    if !c.goes_on() {
                        <button type="button" onclick={props.close.reform(|_| ())}>{ ui.t(Text::CloseTab) }</button>
                    }
                </div>
                <aside class="side" aria-label={ui.t(Text::TicketSide)}>
                    { match &self.ticket {
                        None => html! { <p class="status">{ ui.t(Text::NoContextYet) }</p> },
                        Some(Load::Pending) => html! { <p class="status">{ ui.t(Text::Loading) }</p> },
                        Some(Load::Failed(message)) => html! { <p class="error">{ ui.t(Text::LoadFailed) }{ " " }{ message }</p> },
                        Some(Load::Ready(ticket)) => html! {
                            <>
                                <p><a href={crate::route::Screen::Ticket(ticket.ticket.summary.id.clone()).hash()}>
                                    { format!("#{} ", ticket.ticket.summary.number) }{ &ticket.ticket.summary.subject }
                                </a></p>
                                <ContextPanel ticket={ticket.clone()} />
                            </>
                        },
                    } }
                </aside>
            </div>
        }
    }

    fn rendered(&mut self, _ctx: &Context<Self>, _first_render: bool) {
        if std::mem::take(&mut self.focus_composer) {
            if let Some(composer) = self.composer.cast::<HtmlTextAreaElement>() {
                let _ = composer.focus();
            }
        }
    }

    fn destroy(&mut self, _ctx: &Context<Self>) {
        self.socket.close();
    }
}

impl ChatTab {
    fn load_ticket(&mut self, ctx: &Context<Self>) {
        let Some(ticket_id) = ctx.props().ticket_id.clone() else { return };
        self.ticket = Some(Load::Pending);
        let api = ctx.props().session.api.clone();
        ctx.link().send_future(async move {
            TabMsg::Ticket(match api.ticket(&ticket_id).await {
                Ok(ticket) => Load::Ready(Rc::new(ticket)),
                Err(error) => Load::Failed(error.message()),
            })
        });
    }

    /// The language the user asked in (their ticket's), else the agent's own.
    fn user_locale(&self, ui: &Ui) -> Locale {
        let asked = match &self.ticket {
            Some(Load::Ready(ticket)) => ticket.context.locale.as_deref().and_then(Locale::from_tag),
            _ => None,
        };
        asked.unwrap_or(ui.locale)
    }

    /// Read receipts go out only while the agent can see the chat.
    fn send_read_receipt(&mut self, ctx: &Context<Self>) {
        if !ctx.props().hidden && self.conversation.phase() == Phase::Open {
            if let Some(frame) = self.conversation.read_receipt() {
                self.socket.send(frame);
            }
        }
    }

    fn other_departments<'a>(&self, ctx: &'a Context<Self>) -> impl Iterator<Item = &'a String> {
        let me = &ctx.props().session.me;
        let own = me.agent.department.clone();
        me.departments.iter().filter(move |d| **d != own)
    }

    /// The chosen department, or the first other one.
    fn department(&self, ctx: &Context<Self>) -> String {
        if !self.transfer_to.is_empty() {
            return self.transfer_to.clone();
        }
        self.other_departments(ctx).next().cloned().unwrap_or_default()
    }

    fn line(&self, ui: &Ui, line: &Line) -> Html {
        let who = match line.role {
            Speaker::User => ui.t(Text::Requester).to_string(),
            Speaker::Agent if line.name.is_empty() => ui.t(Text::You).to_string(),
            Speaker::Agent => line.name.clone(),
            Speaker::Bot => ui.t(Text::Bot).to_string(),
            Speaker::System => ui.t(Text::System).to_string(),
        };
        let mine = line.role == Speaker::Agent;
        let delivery = match (mine, line.seq) {
            (false, _) => None,
            (true, None) => Some(Text::Sending),
            (true, Some(_)) if self.conversation.read_by_user(line) => Some(Text::ReadByUser),
            (true, Some(_)) => Some(Text::Delivered),
        };
        html! {
            <li class={classes!(line.role.as_str())}>
                <span class="who">{ who }</span>
                <span class="text">{ &line.text }</span>
                if let Some(d) = delivery {
                    <span class="delivery">{ ui.t(d) }</span>
                }
            </li>
        }
    }
}
