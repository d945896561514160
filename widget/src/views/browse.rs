//! One category: its sections, each with its articles.

use yew::prelude::*;

use super::list::{ArticleList, Item};
use super::use_ui;

#[derive(Properties, PartialEq)]
pub struct CategoryProps {
    pub id: String,
}

#[function_component]
pub fn CategoryView(props: &CategoryProps) -> Html {
    let ui = use_ui();
    let Some(library) = ui.library.clone() else { return html! {} };
    let index = library.borrow();
    let Some(category) = index.categories().iter().find(|c| c.id == props.id) else { return html! {} };
    html! {
        <section class="category">
            <h3>{ &category.name }</h3>
            { for category.sections.iter().map(|section| {
                let items: Vec<Item> = index.articles_in(&section.id).unwrap_or_default().iter().map(Item::from).collect();
                html! {
                    <>
                        if category.sections.len() > 1 {
                            <h4>{ &section.name }</h4>
                        }
                        <ArticleList items={items} label={AttrValue::from(section.name.clone())} />
                    </>
                }
            }) }
        </section>
    }
}
