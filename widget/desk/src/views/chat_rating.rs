//! Rating a chat right where it ended: the same form as a solved ticket's, sent to the chat's
//! own route (`POST /chats/{id}/csat`) through the outbox, so a rating given offline still
//! arrives.

use browser_kit::json;
use wire::tickets::Csat;
use yew::prelude::*;

use super::rating::Rating;
use super::use_ui;
use widget::edge::{new_key, Sent};
use crate::i18n::{fill, Text};

#[derive(Properties, PartialEq)]
pub struct ChatRatingProps {
    pub chat_id: String,
    /// The score given before a reload, if any.
    pub rated: Option<u8>,
}

#[derive(Clone, PartialEq)]
enum Rated {
    Asking,
    Done(u8),
    Queued,
    Failed(String),
}

#[function_component]
pub fn ChatRating(props: &ChatRatingProps) -> Html {
    let ui = use_ui();
    let rated = {
        let before = props.rated;
        use_state(move || before.map_or(Rated::Asking, Rated::Done))
    };
    // One key per form: a double submit or an outbox retry rates once.
    let key = use_memo((), |_| new_key());
    let onrate = {
        let (ui, rated, key, path) = (ui.clone(), rated.clone(), key.clone(), format!("/chats/{}/csat", props.chat_id));
        Callback::from(move |csat: Csat| {
            let (ui, rated, key, path) = (ui.clone(), rated.clone(), key.clone(), path.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let score = csat.score;
                let sent = match &*key {
                    Ok(key) => ui.edge.send("reply", &path, &json::text(&csat), Some(key)).await,
                    Err(error) => Err(error.clone()),
                };
                let outcome = match sent {
                    Ok(Sent::Answered(_)) => Rated::Done(score),
                    Ok(Sent::Queued) => Rated::Queued,
                    Err(error) => Rated::Failed(error.message()),
                };
                // Delivered or in the outbox, which delivers it: either way, rated.
                if matches!(outcome, Rated::Done(_) | Rated::Queued) {
                    ui.edge.remember_chat_rated(score);
                }
                rated.set(outcome);
            });
        })
    };
    match &*rated {
        Rated::Done(score) => html! { <p role="status">{ fill(ui.t(Text::Rated), score) }</p> },
        Rated::Queued => html! { <p role="status">{ ui.t(Text::QueuedOffline) }</p> },
        Rated::Asking | Rated::Failed(_) => html! {
            <>
                if let Rated::Failed(message) = &*rated {
                    <p class="error" role="alert">{ ui.t(Text::SendFailed) }{ message }</p>
                }
                <Rating {onrate} />
            </>
        },
    }
}
