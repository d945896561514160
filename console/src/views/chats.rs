//! The place kept for live chat's queue and chat tabs (issue 7's "Queue" and "Chats"). The
//! worker's chat routes are being built separately (edge/PROTOCOL.md, the desk socket); this
//! screen will connect to `/api/v1/agent/desk/socket` once they land, and says so meanwhile.

use yew::prelude::*;

use super::use_ui;
use crate::i18n::Text;

#[function_component]
pub fn ChatsView() -> Html {
    let ui = use_ui();
    html! {
        <section class="chats" aria-labelledby="chats-title">
            <h1 id="chats-title" tabindex="-1">{ ui.t(Text::NavChats) }</h1>
            <p class="status">{ ui.t(Text::ChatsNotYet) }</p>
        </section>
    }
}
