//! Writing on a ticket: a public reply (the requester sees it in the widget's "My requests") or
//! an internal note (agents only). The two look different before sending too, so a note is never
//! sent as a reply by mistake. Ctrl+Enter sends.

use web_sys::{HtmlTextAreaElement, KeyboardEvent};
use wire::agent::AgentTicket;
use yew::prelude::*;

use super::ticket::{Focus, Target};
use super::{use_session, use_ui};
use crate::i18n::Text;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Reply,
    Note,
}

#[derive(Properties, PartialEq)]
pub struct ComposerProps {
    pub id: String,
    pub closed: bool,
    /// A collaborator of another department writes internal notes only.
    #[prop_or_default]
    pub notes_only: bool,
    pub focus: Focus,
    pub saved: Callback<AgentTicket>,
    /// Told of each keystroke (`true`) and of a draft sent or emptied (`false`): who else is
    /// on the case sees this agent replying.
    pub typing: Callback<bool>,
}

#[function_component]
pub fn Composer(props: &ComposerProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let mode = use_state(|| if props.notes_only { Mode::Note } else { Mode::Reply });
    let draft = use_state(String::new);
    let sending = use_state(|| false);
    let error = use_state(|| None::<String>);
    let area = use_node_ref();
    {
        let (mode, area) = (mode.clone(), area.clone());
        use_effect_with(props.focus, move |focus| {
            if let Some(Target::Compose(wanted)) = focus.target {
                mode.set(wanted);
                if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                    let _ = area.focus();
                }
            }
        });
    }
    if props.closed {
        return html! { <p class="status">{ ui.t(Text::ClosedNoReplies) }</p> };
    }
    let send = {
        let (ui, api, id, mode, draft, sending, error, saved, typing) =
            (ui.clone(), session.api.clone(), props.id.clone(), mode.clone(), draft.clone(), sending.clone(), error.clone(), props.saved.clone(), props.typing.clone());
        Callback::from(move |()| {
            let text = draft.trim().to_string();
            if text.is_empty() || *sending {
                return;
            }
            sending.set(true);
            let (ui, api, id, kind, draft, sending, error, saved, typing) =
                (ui.clone(), api.clone(), id.clone(), *mode, draft.clone(), sending.clone(), error.clone(), saved.clone(), typing.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let answer = match kind {
                    Mode::Reply => api.reply(&id, &text).await,
                    Mode::Note => api.note(&id, &text).await,
                };
                sending.set(false);
                match answer {
                    Ok(ticket) => {
                        draft.set(String::new());
                        typing.emit(false);
                        error.set(None);
                        ui.announce(ui.t(if kind == Mode::Reply { Text::ReplySent } else { Text::NoteSaved }));
                        saved.emit(ticket);
                    }
                    Err(e) => error.set(Some(e.message())),
                }
            });
        })
    };
    let onsubmit = send.reform(|e: SubmitEvent| e.prevent_default());
    let onkeydown = {
        let send = send.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                send.emit(());
            }
        })
    };
    let oninput = {
        let (draft, typing) = (draft.clone(), props.typing.clone());
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            typing.emit(!text.trim().is_empty());
            draft.set(text);
        })
    };
    let choice = |value: Mode, text: Text, key: &'static str| {
        let mode = mode.clone();
        html! {
            <label class={classes!("mode", (value == Mode::Note).then_some("note"))}>
                <input type="radio" name="compose-mode" checked={*mode == value} aria-keyshortcuts={key}
                       onchange={Callback::from(move |_| mode.set(value))} />
                { ui.t(text) }
            </label>
        }
    };
    let note = *mode == Mode::Note;
    html! {
        <form class={classes!("composer", note.then_some("note"))} {onsubmit}>
            <fieldset>
                <legend>{ ui.t(Text::Write) }</legend>
                if !props.notes_only {
                    { choice(Mode::Reply, Text::PublicReply, "r") }
                }
                { choice(Mode::Note, Text::InternalNote, "n") }
            </fieldset>
            <label for="composer-text">{ ui.t(if note { Text::NoteLabel } else { Text::ReplyLabel }) }</label>
            <textarea id="composer-text" ref={area} rows="4" maxlength={wire::limits::TEXT.to_string()} value={(*draft).clone()} {oninput} {onkeydown}
                      aria-keyshortcuts="Control+Enter" />
            if let Some(message) = &*error {
                <p class="error" role="alert">{ ui.t(Text::SendFailed) }{ " " }{ message }</p>
            }
            <button type="submit" disabled={*sending}>{ ui.t(if note { Text::SaveNote } else { Text::SendReply }) }</button>
        </form>
    }
}
