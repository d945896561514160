//! Ask in your own words: the local bot answers each message with the search verdict — one
//! confident article, a few candidates, or an honest "not sure" — and offers a person at once
//! when it is unsure or the message sounds urgent or upset. A person is one click away always.

use faq_data::{SearchOptions, SearchResponse, Verdict};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::list::{ArticleList, Item};
use super::use_ui;
use crate::app::{Msg, Record, Screen, Ui};
use crate::i18n::Text;
use wire::chat::Speaker;

/// Articles the bot offers in one answer.
const BOT_RESULTS: usize = 3;

#[function_component]
pub fn AskView() -> Html {
    let ui = use_ui();
    let draft = use_state(String::new);
    // Messages whose answer waits on index chunks: recorded when they arrive.
    let unanswered = use_mut_ref(Vec::<String>::new);
    {
        let (ui, unanswered) = (ui.clone(), unanswered.clone());
        use_effect_with((ui.generation, ui.library.is_some()), move |_| unanswered.borrow_mut().retain(|text| !record_answer(&ui, text)));
    }
    let onsubmit = {
        let (ui, draft) = (ui.clone(), draft.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = draft.trim().to_string();
            if !text.is_empty() {
                ui.send.emit(Msg::Record(Record::Line(Speaker::User, text.clone())));
                if !record_answer(&ui, &text) {
                    unanswered.borrow_mut().push(text);
                }
                draft.set(String::new());
            }
        })
    };
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let to_human = ui.send.reform(|_| Msg::Tab(Screen::Contact));
    html! {
        <section class="ask">
            <div role="log" aria-live="polite"><ol class="log">
                <li class="bot">{ ui.t(Text::BotGreeting) }</li>
                { for ui.journey.transcript.iter().filter(|l| l.speaker == Speaker::User).map(|l| &l.text).map(|text| html! {
                    <>
                        <li class="user"><span class="who">{ ui.t(Text::You) }</span>{ text }</li>
                        <li class="bot"><span class="who">{ ui.t(Text::Bot) }</span>{ reply(&ui, text) }</li>
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

fn answer(ui: &Ui, text: &str) -> Option<SearchResponse> {
    let library = ui.library.as_ref()?;
    library.answer(|index| index.search(text, &SearchOptions { limit: BOT_RESULTS, category: None })).ok()
}

/// Records what the bot made of a message, for the person who may take over; false while the
/// answer waits on index chunks.
fn record_answer(ui: &Ui, text: &str) -> bool {
    let Some(found) = answer(ui, text) else { return false };
    ui.send.emit(Msg::Record(Record::Triage(found.triage.reasons.iter().map(|&r| r.into()).collect())));
    let titles: Vec<&str> = found.results.iter().map(|h| h.title.as_str()).collect();
    let said = format!("{} {}", ui.t(opening(&found)), titles.join(" / "));
    ui.send.emit(Msg::Record(Record::Line(Speaker::Bot, said)));
    true
}

fn opening(found: &SearchResponse) -> Text {
    if found.escalate {
        return Text::BotEscalate;
    }
    match found.verdict {
        Verdict::Answer => Text::BotAnswer,
        Verdict::Candidates => Text::BotCandidates,
        Verdict::Unsure => Text::BotUnsure,
    }
}

fn reply(ui: &Ui, text: &str) -> Html {
    let Some(found) = answer(ui, text) else { return html! { ui.t(Text::Loading) } };
    let shown = match found.verdict {
        Verdict::Answer => 1,
        Verdict::Candidates => BOT_RESULTS,
        Verdict::Unsure => 0,
    };
    let items: Vec<Item> = found.results.iter().take(shown).map(Item::from).collect();
    let offer_human = found.escalate || found.verdict == Verdict::Unsure;
    html! {
        <>
            <p>{ ui.t(opening(&found)) }</p>
            if !items.is_empty() {
                <ArticleList items={items} />
            }
            if offer_human {
                <button type="button" class="human" onclick={ui.send.reform(|_| Msg::Tab(Screen::Contact))}>
                    { ui.t(Text::ContactHuman) }
                </button>
            }
        </>
    }
}
