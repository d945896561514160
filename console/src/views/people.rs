//! The people of the site as admins manage them: roles, departments, whether they can sign in,
//! when they last did; editing a person, deactivating or reactivating them (a deactivation ends
//! their sessions and sockets at once), and rotating their credentials (a new one-time link).

use browser_kit::locale::fill;
use wire::team::{Person, PersonUpdate, Role};
use yew::prelude::*;

use super::checks::checkboxes;
use super::invite::{Link, OneTimeLink};
use super::{use_session, use_ui};
use crate::app::Ui;
use crate::i18n::Text;
use crate::labels;
use crate::team_labels::{self, ROLES};

#[derive(Properties, PartialEq)]
pub struct PeopleProps {
    pub people: Vec<Person>,
    /// Someone changed: read the people again.
    pub changed: Callback<()>,
}

#[function_component]
pub fn PeopleTable(props: &PeopleProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let editing = use_state(|| None::<String>);
    let link = use_state(|| None::<Link>);
    let failed = use_state(|| None::<String>);
    // Runs one change of a person, then reloads the list (or says why not).
    let act = |person: &Person, update: Option<PersonUpdate>| {
        let (api, id, name, changed, link, failed, ui) = (session.api.clone(), person.id.clone(), person.name.clone(), props.changed.clone(), link.clone(), failed.clone(), ui.clone());
        Callback::from(move |_: MouseEvent| {
            let (api, id, name, changed, link, failed, ui, update) = (api.clone(), id.clone(), name.clone(), changed.clone(), link.clone(), failed.clone(), ui.clone(), update.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let done = match update {
                    Some(update) => api.update_person(&id, &update).await.map(|_| ()),
                    None => api.rotate(&id).await.map(|created| link.set(Some(Link { name, token: created.token, expires_at: created.expires_at }))),
                };
                match done {
                    Ok(()) => {
                        failed.set(None);
                        ui.announce(ui.t(Text::Saved));
                        changed.emit(());
                    }
                    Err(error) => failed.set(Some(error.message())),
                }
            });
        })
    };
    let row = |p: &Person| {
        // An invited person becomes active by accepting; until then there is nothing to toggle.
        let state = if p.invited {
            Text::Invited
        } else if p.active {
            Text::Active
        } else {
            Text::Inactive
        };
        let toggles = !p.invited || p.active;
        let toggle = PersonUpdate { active: Some(!p.active), ..PersonUpdate::default() };
        let edit = {
            let (editing, id) = (editing.clone(), p.id.clone());
            Callback::from(move |_: MouseEvent| editing.set(Some(id.clone())))
        };
        html! {
            <>
                <tr>
                    <th scope="row">{ &p.name }<span class="email">{ p.email.clone().unwrap_or_default() }</span></th>
                    <td>{ roles(&ui, &p.roles) }</td>
                    <td>{ p.departments.join(ui.t(Text::ListSeparator)) }</td>
                    <td>{ ui.t(state) }</td>
                    <td>{ p.last_sign_in_at.map(|at| labels::time(ui.locale, at)).unwrap_or_else(|| ui.t(Text::Never).to_string()) }</td>
                    <td><div class="actions">
                        <button type="button" onclick={edit}>{ ui.t(Text::Edit) }</button>
                        if toggles {
                            <button type="button" onclick={act(p, Some(toggle))}>{ ui.t(if p.active { Text::Deactivate } else { Text::Reactivate }) }</button>
                        }
                        <button type="button" onclick={act(p, None)}>{ ui.t(Text::Rotate) }</button>
                    </div></td>
                </tr>
                if editing.as_deref() == Some(p.id.as_str()) {
                    <tr><td colspan="6">
                        <PersonEditor person={p.clone()} done={{
                            let (editing, changed) = (editing.clone(), props.changed.clone());
                            Callback::from(move |saved: bool| { editing.set(None); if saved { changed.emit(()); } })
                        }} />
                    </td></tr>
                }
            </>
        }
    };
    html! {
        <>
            if let Some(link) = &*link {
                <OneTimeLink link={link.clone()} />
            }
            if let Some(message) = &*failed {
                <p class="error" role="alert">{ ui.t(Text::ActionFailed) }{ " " }{ message }</p>
            }
            <table class="people">
                <thead><tr>
                    <th scope="col">{ ui.t(Text::Name) }</th>
                    <th scope="col">{ ui.t(Text::Roles) }</th>
                    <th scope="col">{ ui.t(Text::Departments) }</th>
                    <th scope="col">{ ui.t(Text::AccountState) }</th>
                    <th scope="col">{ ui.t(Text::LastSignIn) }</th>
                    <th scope="col">{ ui.t(Text::Actions) }</th>
                </tr></thead>
                <tbody>{ for props.people.iter().map(row) }</tbody>
            </table>
        </>
    }
}

fn roles(ui: &Ui, roles: &[Role]) -> String {
    roles.iter().map(|r| ui.t(team_labels::role(*r))).collect::<Vec<_>>().join(ui.t(Text::ListSeparator))
}

#[derive(Properties, PartialEq)]
struct EditorProps {
    person: Person,
    /// Closed; `true` when a change was saved.
    done: Callback<bool>,
}

/// A person's roles and departments, changed together.
#[function_component]
fn PersonEditor(props: &EditorProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let roles = use_state(|| props.person.roles.clone());
    let departments = use_state(|| props.person.departments.clone());
    let failed = use_state(|| None::<String>);
    let onsubmit = {
        let (api, id, roles, departments, failed, done, ui) = (session.api.clone(), props.person.id.clone(), roles.clone(), departments.clone(), failed.clone(), props.done.clone(), ui.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if roles.is_empty() || departments.is_empty() {
                return failed.set(Some(ui.t(Text::PickOne).to_string()));
            }
            let update = PersonUpdate { roles: Some((*roles).clone()), departments: Some((*departments).clone()), ..PersonUpdate::default() };
            let (api, id, failed, done, ui) = (api.clone(), id.clone(), failed.clone(), done.clone(), ui.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api.update_person(&id, &update).await {
                    Ok(_) => {
                        ui.announce(ui.t(Text::Saved));
                        done.emit(true);
                    }
                    Err(error) => failed.set(Some(error.message())),
                }
            });
        })
    };
    let t = ui.clone();
    html! {
        <form class="person-editor" aria-label={fill(ui.t(Text::EditPerson), &props.person.name)} {onsubmit}>
            { checkboxes("edit-roles", ui.t(Text::Roles), &ROLES, move |r| t.t(team_labels::role(*r)).to_string(), &roles) }
            { checkboxes("edit-departments", ui.t(Text::Departments), &session.me.departments, |d| d.clone(), &departments) }
            if let Some(message) = &*failed {
                <p class="error" role="alert">{ ui.t(Text::ActionFailed) }{ " " }{ message }</p>
            }
            <button type="submit">{ ui.t(Text::Save) }</button>
            <button type="button" onclick={props.done.reform(|_| false)}>{ ui.t(Text::Cancel) }</button>
        </form>
    }
}
