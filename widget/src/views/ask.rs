//! Ask in your own words: the local bot (`faq_data::bot`) answers each message with articles —
//! one when search is sure, a few otherwise, an honest "not sure" — or asks one clarifying
//! question when the best candidates are close or the message is vague, then searches within
//! the category the user picks. It hands over to a person first when a message is upset, urgent
//! or at risk, and when a follow-up says the articles did not help. Every turn goes into the
//! journey, so the person who takes over reads the whole conversation. A person is one click
//! away always.

use std::cell::RefCell;
use std::rc::Rc;

use faq_data::bot::{self, Reply};
use faq_data::{SearchOptions, SearchResponse, Verdict};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::use_ui;
use crate::app::{Msg, Record, Screen, Ui};
use crate::i18n::Text;
use crate::journey::Exchange;
use crate::list::{ArticleList, Item};
use wire::chat::Speaker;

/// Articles the bot offers in one answer.
const BOT_RESULTS: usize = 3;
/// Candidates searched for, so a clarifying question can draw its choices from them.
const CANDIDATES: usize = 6;

/// A message, or the choice answering the bot's question about it, still to be answered.
#[derive(Clone)]
struct Asked {
    message: String,
    chosen: Option<String>,
}

/// What waits for index chunks: answered, in order, when they arrive.
type Pending = Rc<RefCell<Vec<Asked>>>;

#[function_component]
pub fn AskView() -> Html {
    let ui = use_ui();
    let draft = use_state(String::new);
    let pending: Pending = use_mut_ref(Vec::new);
    {
        let (ui, pending) = (ui.clone(), pending.clone());
        use_effect_with((ui.generation, ui.library.is_some()), move |_| answer_pending(&ui, &pending));
    }
    let onsubmit = {
        let (ui, draft, pending) = (ui.clone(), draft.clone(), pending.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = draft.trim().to_string();
            if !text.is_empty() {
                ui.send.emit(Msg::Record(Record::Line(Speaker::User, text.clone())));
                pending.borrow_mut().push(Asked { message: text, chosen: None });
                answer_pending(&ui, &pending);
                draft.set(String::new());
            }
        })
    };
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let to_human = ui.send.reform(|_| Msg::Tab(Screen::Contact));
    let last = ui.journey.conversation.len().checked_sub(1);
    html! {
        <section class="ask">
            <div role="log" aria-live="polite"><ol class="log">
                <li class="bot">{ ui.t(Text::BotGreeting) }</li>
                { for ui.journey.conversation.iter().enumerate().map(|(at, exchange)| html! {
                    <>
                        <li class="user"><span class="who">{ ui.t(Text::You) }</span>{ exchange.chosen.as_ref().unwrap_or(&exchange.message) }</li>
                        <li class="bot"><span class="who">{ ui.t(Text::Bot) }</span>{ reply_view(&ui, &pending, exchange, Some(at) == last) }</li>
                    </>
                }) }
            </ol></div>
            <form class="composer" {onsubmit}>
                <textarea aria-label={ui.t(Text::AskLabel)} placeholder={ui.t(Text::AskPlaceholder)} rows="2"
                          value={(*draft).clone()} {oninput} />
                <button type="submit">{ ui.t(Text::Send) }</button>
            </form>
            <button type="button" class="link" onclick={to_human}>{ ui.t(Text::ContactHuman) }</button>
        </section>
    }
}

/// What search finds, or nothing while the index chunks it needs are on the way.
fn search(ui: &Ui, text: &str, category: Option<String>) -> Option<SearchResponse> {
    let library = ui.library.as_ref()?;
    library.answer(|index| index.search(text, &SearchOptions { limit: CANDIDATES, category })).ok()
}

/// Answers what waits, in order, as far as the attached chunks allow.
fn answer_pending(ui: &Ui, pending: &Pending) {
    // Each answer goes into the journey by message; the next in line answers the bot's reply to
    // this one, which the journey in `ui` does not hold yet.
    let mut last = ui.journey.last_reply().cloned();
    let mut pending = pending.borrow_mut();
    while let Some(asked) = pending.first().cloned() {
        let category = asked.chosen.clone();
        let Some(found) = search(ui, &asked.message, category.clone()) else { return };
        let reply = match category {
            None => {
                ui.send.emit(Msg::Record(Record::Triage(found.triage.reasons.iter().map(|&r| r.into()).collect())));
                bot::reply(&asked.message, found, last.as_ref())
            }
            Some(_) => bot::narrowed(found),
        };
        last = Some(reply.clone());
        answered(ui, Exchange { message: asked.message, chosen: asked.chosen, reply });
        pending.remove(0);
    }
}

/// The user's choice of category for the message the bot asked about.
fn choose(ui: &Ui, pending: &Pending, message: String, category: String) {
    ui.send.emit(Msg::Record(Record::Line(Speaker::User, category.clone())));
    pending.borrow_mut().push(Asked { message, chosen: Some(category) });
    answer_pending(ui, pending);
}

/// Records the exchange, and the bot's words as the person who may take over will read them.
fn answered(ui: &Ui, exchange: Exchange) {
    let said = match &exchange.reply {
        Reply::Clarify { choices } => format!("{} {}", ui.t(Text::BotClarify), choices.join(" / ")),
        reply => {
            let titles: Vec<&str> = shown(reply).iter().map(|h| h.title.as_str()).collect();
            format!("{} {}", ui.t(opening(reply)), titles.join(" / ")).trim_end().to_string()
        }
    };
    ui.send.emit(Msg::Record(Record::Line(Speaker::Bot, said)));
    ui.send.emit(Msg::Record(Record::Exchange(exchange)));
}

fn opening(reply: &Reply) -> Text {
    match reply {
        Reply::Person { reasons, .. } if reasons.is_empty() => Text::BotNotHelped,
        Reply::Person { .. } => Text::BotEscalate,
        Reply::Clarify { .. } => Text::BotClarify,
        Reply::Articles { verdict: Verdict::Answer, .. } => Text::BotAnswer,
        Reply::Articles { verdict: Verdict::Candidates, .. } => Text::BotCandidates,
        Reply::Articles { verdict: Verdict::Unsure, .. } => Text::BotUnsure,
    }
}

/// The articles a reply shows: the one answer, the best few, or none when search is unsure.
fn shown(reply: &Reply) -> &[faq_data::Hit] {
    let (results, count) = match reply {
        Reply::Articles { verdict: Verdict::Answer, results } => (results, 1),
        Reply::Articles { verdict: Verdict::Candidates, results } | Reply::Person { results, .. } => (results, BOT_RESULTS),
        Reply::Articles { verdict: Verdict::Unsure, .. } | Reply::Clarify { .. } => return &[],
    };
    &results[..results.len().min(count)]
}

fn reply_view(ui: &Ui, pending: &Pending, exchange: &Exchange, current: bool) -> Html {
    let reply = &exchange.reply;
    let items: Vec<Item> = shown(reply).iter().map(Item::from).collect();
    let offer_human = matches!(reply, Reply::Person { .. } | Reply::Articles { verdict: Verdict::Unsure, .. });
    let choices = match reply {
        // Only the latest question can still be answered.
        Reply::Clarify { choices } if current => choices.clone(),
        _ => Vec::new(),
    };
    html! {
        <>
            <p>{ ui.t(opening(reply)) }</p>
            if !choices.is_empty() {
                <div class="choices" role="group" aria-label={ui.t(Text::BotClarify)}>
                    { for choices.into_iter().map(|category| {
                        let (ui, pending, message, label) = (ui.clone(), pending.clone(), exchange.message.clone(), category.clone());
                        let onclick = Callback::from(move |_| choose(&ui, &pending, message.clone(), category.clone()));
                        html! { <button type="button" {onclick}>{ label }</button> }
                    }) }
                </div>
            }
            if let Reply::Clarify { choices } = reply {
                if !current {
                    <p class="hint">{ choices.join(" / ") }</p>
                }
            }
            if !items.is_empty() {
                <ArticleList items={items} open={ui.open_article()} />
            }
            if offer_human {
                <button type="button" class="human" onclick={ui.send.reform(|_| Msg::Tab(Screen::Contact))}>
                    { ui.t(Text::ContactHuman) }
                </button>
            }
        </>
    }
}
