//! A case's collaborators: people of other departments added to it, who read it and write
//! internal notes. The case's own department adds and removes them; everyone sees who they are.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use wire::agent::AgentTicket;
use yew::prelude::*;

use super::{use_session, use_ui};
use crate::i18n::Text;
use crate::labels;

#[derive(Properties, PartialEq)]
pub struct CollaboratorsProps {
    pub ticket: Rc<AgentTicket>,
    pub saved: Callback<AgentTicket>,
}

#[function_component]
pub fn Collaborators(props: &CollaboratorsProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let owner = !props.ticket.through_task && !props.ticket.collaborator;
    let department = props.ticket.ticket.summary.department.clone();
    // People whose home department is another one; the edge refuses anyone who already works
    // the case's department.
    let candidates: Vec<_> = session.me.agents.iter().filter(|a| a.department != department && !props.ticket.collaborators.contains(&a.id)).cloned().collect();
    let chosen = use_state(String::new);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let run = {
        let (ui, api, id, error, busy, saved) = (ui.clone(), session.api.clone(), props.ticket.ticket.summary.id.clone(), error.clone(), busy.clone(), props.saved.clone());
        Callback::from(move |(agent, add): (String, bool)| {
            busy.set(true);
            let (ui, api, id, error, busy, saved) = (ui.clone(), api.clone(), id.clone(), error.clone(), busy.clone(), saved.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let answer = if add { api.add_collaborator(&id, &agent).await } else { api.remove_collaborator(&id, &agent).await };
                busy.set(false);
                match answer {
                    Ok(ticket) => {
                        error.set(None);
                        ui.announce(ui.t(Text::ChangesSaved));
                        saved.emit(ticket);
                    }
                    Err(e) => error.set(Some(e.message())),
                }
            });
        })
    };
    let onsubmit = {
        let (run, chosen, candidates) = (run.clone(), chosen.clone(), candidates.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let agent = if chosen.is_empty() { candidates.first().map(|a| a.id.clone()).unwrap_or_default() } else { (*chosen).clone() };
            if !agent.is_empty() {
                run.emit((agent, true));
            }
        })
    };
    let onchange = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| chosen.set(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    html! {
        <section class="collaborators" aria-labelledby="collaborators-title">
            <h2 id="collaborators-title">{ ui.t(Text::Collaborators) }</h2>
            if props.ticket.collaborators.is_empty() {
                <p class="status">{ ui.t(Text::NoCollaborators) }</p>
            }
            <ul>
                { for props.ticket.collaborators.iter().map(|id| {
                    let name = session.agent_name(id);
                    let home = session.me.agents.iter().find(|a| a.id == *id).map(|a| labels::department(&session.me, ui.locale, &a.department)).unwrap_or_default();
                    let remove = run.reform({ let id = id.clone(); move |_: MouseEvent| (id.clone(), false) });
                    html! {
                        <li key={id.clone()}>
                            { format!("{name} · {home}") }
                            if owner {
                                { " " }<button type="button" disabled={*busy} onclick={remove}>{ browser_kit::locale::fill(ui.t(Text::RemoveCollaborator), &name) }</button>
                            }
                        </li>
                    }
                }) }
            </ul>
            if owner && !candidates.is_empty() {
                <form {onsubmit}>
                    <label>{ ui.t(Text::CollaboratorPerson) }
                        <select {onchange}>
                            { for candidates.iter().map(|a| html! {
                                <option value={a.id.clone()} selected={*chosen == a.id}>{ format!("{} · {}", a.name, labels::department(&session.me, ui.locale, &a.department)) }</option>
                            }) }
                        </select>
                    </label>
                    <button type="submit" disabled={*busy}>{ ui.t(Text::AddCollaborator) }</button>
                </form>
            }
            if let Some(message) = &*error {
                <p class="error" role="alert">{ message }</p>
            }
        </section>
    }
}
