//! Organising a locale's tree (editors): rename a category or section, move it among its level
//! by dragging it onto another (HTML5 drag and drop) or up and down with buttons (the keyboard's
//! way, and a screen reader's; the edge stores the whole level's new order at once), delete one that is empty (the edge refuses otherwise and says
//! why), and publish the locale's help center so the change shows.

use std::rc::Rc;

use browser_kit::locale::Locale;
use wire::kb::Category;
use yew::prelude::*;

use super::kb_guard::PublishLocale;
use super::sign_in::keep;
use crate::api::Api;
use crate::app::Ui;
use crate::i18n::Text;

#[derive(Properties, PartialEq)]
pub struct TreeEditProps {
    pub ui: Ui,
    pub api: Rc<Api>,
    pub locale: Locale,
    pub tree: Vec<Category>,
    /// The tree as the edge stored it after a change.
    pub changed: Callback<Vec<Category>>,
}

/// One change to the tree, sent to the edge.
#[derive(Clone, PartialEq)]
enum Change {
    RenameCategory(String, String),
    RenameSection(String, String),
    OrderCategories(Vec<String>),
    OrderSections(String, Vec<String>),
    DeleteCategory(String),
    DeleteSection(String),
}

/// `ids` with the one at `at` swapped with its neighbour (`up`: the one before), if there is one.
fn moved(ids: &[String], at: usize, up: bool) -> Option<Vec<String>> {
    let other = if up { at.checked_sub(1)? } else { at + 1 };
    (other < ids.len()).then(|| {
        let mut ids = ids.to_vec();
        ids.swap(at, other);
        ids
    })
}

/// `ids` with `dragged` taken out and put where `onto` was, if they are two of them.
fn dropped(ids: &[String], dragged: &str, onto: &str) -> Option<Vec<String>> {
    let from = ids.iter().position(|id| id == dragged)?;
    let to = ids.iter().position(|id| id == onto)?;
    (from != to).then(|| {
        let mut ids = ids.to_vec();
        let moving = ids.remove(from);
        ids.insert(to, moving);
        ids
    })
}

/// What is being dragged: its level (`None` for the categories, else the category whose
/// sections) and its id.
type Dragged = (Option<String>, String);

/// One `<li>`'s drag and drop: it can be dragged, and a group of its own level dropped on it.
struct Dnd {
    start: Callback<DragEvent>,
    over: Callback<DragEvent>,
    drop: Callback<DragEvent>,
    end: Callback<DragEvent>,
}

fn dnd(dragging: &UseStateHandle<Option<Dragged>>, send: &Callback<Change>, level: Option<String>, id: &str, ids: &[String]) -> Dnd {
    let key: Dragged = (level.clone(), id.to_string());
    let start = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.stop_propagation();
            if let Some(transfer) = e.data_transfer() {
                let _ = transfer.set_data("text/plain", &key.1);
                transfer.set_effect_allowed("move");
            }
            dragging.set(Some(key.clone()));
        })
    };
    let same_level = {
        let (dragging, level) = (dragging.clone(), level.clone());
        move || dragging.as_ref().is_some_and(|(l, _)| *l == level)
    };
    let over = {
        let same_level = same_level.clone();
        Callback::from(move |e: DragEvent| {
            if same_level() {
                e.prevent_default();
                e.stop_propagation();
            }
        })
    };
    let drop = {
        let (dragging, send, id, ids) = (dragging.clone(), send.clone(), id.to_string(), ids.to_vec());
        Callback::from(move |e: DragEvent| {
            if !same_level() {
                return;
            }
            e.prevent_default();
            e.stop_propagation();
            let from = dragging.as_ref().map(|(_, from)| from.clone()).unwrap_or_default();
            dragging.set(None);
            if let Some(order) = dropped(&ids, &from, &id) {
                send.emit(match &level {
                    None => Change::OrderCategories(order),
                    Some(category) => Change::OrderSections(category.clone(), order),
                });
            }
        })
    };
    let end = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(None))
    };
    Dnd { start, over, drop, end }
}

#[function_component]
pub fn TreeEdit(props: &TreeEditProps) -> Html {
    let ui = &props.ui;
    let failed = use_state(|| None::<String>);
    let dragging = use_state(|| None::<Dragged>);
    let send = {
        let (api, failed, changed, locale, ui) = (props.api.clone(), failed.clone(), props.changed.clone(), props.locale, ui.clone());
        Callback::from(move |change: Change| {
            let (api, failed, changed, ui) = (api.clone(), failed.clone(), changed.clone(), ui.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let answer = match change {
                    Change::RenameCategory(id, name) => api.kb_rename_category(&id, &name).await,
                    Change::RenameSection(id, name) => api.kb_rename_section(&id, &name).await,
                    Change::OrderCategories(ids) => api.kb_order_categories(locale.index_name(), &ids).await,
                    Change::OrderSections(category, ids) => api.kb_order_sections(&category, &ids).await,
                    Change::DeleteCategory(id) => api.kb_delete_category(&id).await,
                    Change::DeleteSection(id) => api.kb_delete_section(&id).await,
                };
                match answer {
                    Ok(tree) => {
                        failed.set(None);
                        ui.announce(ui.t(Text::ChangesSaved));
                        changed.emit(tree.categories);
                    }
                    Err(error) => failed.set(Some(error.message())),
                }
            });
        })
    };
    let categories: Vec<String> = props.tree.iter().map(|c| c.id.clone()).collect();
    html! {
        <section class="kb-organise" aria-labelledby="kb-organise-title">
            <h2 id="kb-organise-title">{ ui.t(Text::KbOrganise) }</h2>
            <p class="hint">{ ui.t(Text::KbTreeNote) }</p>
            if let Some(message) = &*failed {
                <p class="error" role="alert">{ ui.t(Text::ActionFailed) }{ " " }{ message }</p>
            }
            <ul>
                { for props.tree.iter().enumerate().map(|(i, c)| {
                    let sections: Vec<String> = c.sections.iter().map(|s| s.id.clone()).collect();
                    let (id, send_c) = (c.id.clone(), send.clone());
                    let d = dnd(&dragging, &send, None, &c.id, &categories);
                    html! {
                        <li key={c.id.clone()} draggable="true" ondragstart={d.start} ondragover={d.over} ondrop={d.drop} ondragend={d.end}>
                            <GroupRow ui={ui.clone()} key={format!("{}-{}", c.id, c.name)} name={c.name.clone()} label={Text::KbCategoryName}
                                rename={send.reform({ let id = id.clone(); move |name| Change::RenameCategory(id.clone(), name) })}
                                up={moved(&categories, i, true).map(|ids| send.reform(move |_| Change::OrderCategories(ids.clone())))}
                                down={moved(&categories, i, false).map(|ids| send.reform(move |_| Change::OrderCategories(ids.clone())))}
                                delete={send.reform({ let id = id.clone(); move |_| Change::DeleteCategory(id.clone()) })} />
                            <ul>
                                { for c.sections.iter().enumerate().map(|(j, s)| {
                                    let (sid, cid) = (s.id.clone(), c.id.clone());
                                    let d = dnd(&dragging, &send_c, Some(c.id.clone()), &s.id, &sections);
                                    html! {
                                        <li key={s.id.clone()} draggable="true" ondragstart={d.start} ondragover={d.over} ondrop={d.drop} ondragend={d.end}>
                                            <GroupRow ui={ui.clone()} key={format!("{}-{}", s.id, s.name)} name={s.name.clone()} label={Text::KbSectionName}
                                                rename={send_c.reform({ let sid = sid.clone(); move |name| Change::RenameSection(sid.clone(), name) })}
                                                up={moved(&sections, j, true).map(|ids| { let cid = cid.clone(); send_c.reform(move |_| Change::OrderSections(cid.clone(), ids.clone())) })}
                                                down={moved(&sections, j, false).map(|ids| { let cid = cid.clone(); send_c.reform(move |_| Change::OrderSections(cid.clone(), ids.clone())) })}
                                                delete={send_c.reform(move |_| Change::DeleteSection(sid.clone()))} />
                                        </li>
                                    }
                                }) }
                            </ul>
                        </li>
                    }
                }) }
            </ul>
            <PublishLocale ui={ui.clone()} api={props.api.clone()} locale={props.locale.index_name()} label={ui.t(Text::KbPublishHelpCenter)} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct GroupRowProps {
    ui: Ui,
    name: String,
    label: Text,
    rename: Callback<String>,
    /// `None` at the top (or bottom) of its level.
    up: Option<Callback<()>>,
    down: Option<Callback<()>>,
    delete: Callback<()>,
}

/// A category or section: its name in a field with rename, move up, move down and delete, each
/// button naming the group it acts on.
#[function_component]
fn GroupRow(props: &GroupRowProps) -> Html {
    let ui = &props.ui;
    let name = use_state(|| props.name.clone());
    let field = format!("{}：{}", ui.t(props.label), props.name);
    let named = |text: Text| format!("{}：{}", ui.t(text), props.name);
    let onsubmit = {
        let (rename, name) = (props.rename.clone(), name.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            rename.emit((*name).clone());
        })
    };
    let click = |callback: &Callback<()>| callback.reform(|_: MouseEvent| ());
    html! {
        <form class="kb-group" {onsubmit}>
            <input aria-label={field} value={(*name).clone()} oninput={keep(&name)} maxlength={wire::limits::KB_GROUP_NAME.to_string()} />
            <button type="submit" aria-label={named(Text::KbRename)}>{ ui.t(Text::KbRename) }</button>
            <button type="button" aria-label={named(Text::KbMoveUp)} disabled={props.up.is_none()} onclick={props.up.as_ref().map(click)}>{ ui.t(Text::KbMoveUp) }</button>
            <button type="button" aria-label={named(Text::KbMoveDown)} disabled={props.down.is_none()} onclick={props.down.as_ref().map(click)}>{ ui.t(Text::KbMoveDown) }</button>
            <button type="button" aria-label={named(Text::KbDelete)} onclick={click(&props.delete)}>{ ui.t(Text::KbDelete) }</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_swaps_with_the_neighbour_and_not_past_the_ends() {
        let ids: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        assert_eq!(moved(&ids, 1, true).unwrap(), ["b", "a", "c"]);
        assert_eq!(moved(&ids, 1, false).unwrap(), ["a", "c", "b"]);
        assert_eq!(moved(&ids, 0, true), None);
        assert_eq!(moved(&ids, 2, false), None);
    }

    #[test]
    fn a_dropped_group_takes_the_place_of_the_one_it_was_dropped_on() {
        let ids: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        assert_eq!(dropped(&ids, "a", "c").unwrap(), ["b", "c", "a"]);
        assert_eq!(dropped(&ids, "c", "a").unwrap(), ["c", "a", "b"]);
        assert_eq!(dropped(&ids, "b", "b"), None);
        assert_eq!(dropped(&ids, "x", "a"), None);
    }
}
