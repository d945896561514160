//! One category: its sections, each with its articles.

use yew::prelude::*;

use super::waiting;
use crate::list::{ArticleList, Item};
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
    // A section's articles are in the chunks the core names for it: fetched if not attached.
    let sections: Vec<_> = category.sections.iter().map(|s| (s, library.answer(|index| index.articles_in(&s.id)))).collect();
    html! {
        <section class="category">
            <h3>{ &category.name }</h3>
            { for sections.iter().map(|(section, articles)| html! {
                <>
                    if category.sections.len() > 1 {
                        <h4>{ &section.name }</h4>
                    }
                    { match articles {
                        Ok(articles) => html! { <ArticleList items={articles.iter().map(Item::from).collect::<Vec<_>>()} open={ui.open_article()} label={AttrValue::from(section.name.clone())} /> },
                        Err(wait) => waiting(&ui, *wait),
                    } }
                </>
            }) }
        </section>
    }
}
