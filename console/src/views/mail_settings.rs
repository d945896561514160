//! The Mail screen (admins): the site's support address and sender name, which kinds of mail go
//! to requesters, and the site's own subject and opening line for each kind in both languages
//! (blank keeps ours). The edge checks everything (`mail::settings`) and names a refused field.

use std::rc::Rc;

use browser_kit::locale::fill;
use web_sys::HtmlInputElement;
use wire::mail::{MailKind, MailSettings, Wording};
use yew::prelude::*;

use super::sign_in::keep;
use super::{use_session, use_ui, Load};
use crate::i18n::Text;
use crate::labels;

/// The languages wording is written in, as the edge names them.
const LOCALES: [(&str, Text); 2] = [("zh-cn", Text::LocaleZh), ("en-us", Text::LocaleEn)];

/// The form's fields: every kind × language has a subject and an intro, blank or not.
#[derive(Clone, PartialEq)]
struct Form {
    address: String,
    sender: String,
    events: Vec<MailKind>,
    /// (kind, locale, subject, intro) for every kind and language.
    wording: Vec<(MailKind, &'static str, String, String)>,
}

impl Form {
    fn of(settings: &MailSettings) -> Form {
        let mut wording = Vec::new();
        for kind in MailKind::ALL {
            for (locale, _) in LOCALES {
                let set = settings.wording.iter().find(|w| w.kind == *kind && w.locale == locale);
                wording.push((*kind, locale, set.map(|w| w.subject.clone()).unwrap_or_default(), set.map(|w| w.intro.clone()).unwrap_or_default()));
            }
        }
        Form { address: settings.support_address.clone().unwrap_or_default(), sender: settings.sender_name.clone().unwrap_or_default(), events: settings.events.clone(), wording }
    }

    /// What the edge is sent: blanks as absent, only the wording the admin wrote.
    fn settings(&self) -> MailSettings {
        let given = |text: &str| Some(text.trim().to_string()).filter(|t| !t.is_empty());
        MailSettings {
            support_address: given(&self.address),
            sender_name: given(&self.sender),
            events: MailKind::ALL.iter().copied().filter(|k| self.events.contains(k)).collect(),
            wording: self
                .wording
                .iter()
                .filter(|(_, _, subject, intro)| !subject.trim().is_empty() || !intro.trim().is_empty())
                .map(|(kind, locale, subject, intro)| Wording { kind: *kind, locale: locale.to_string(), subject: subject.clone(), intro: intro.clone() })
                .collect(),
        }
    }
}

#[function_component]
pub fn MailSettingsView() -> Html {
    let ui = use_ui();
    let session = use_session();
    let loaded = use_state(|| Load::<Rc<(Form, Option<String>)>>::Pending);
    {
        let (api, loaded) = (session.api.clone(), loaded.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                loaded.set(match api.mail_settings().await {
                    Ok(view) => Load::Ready(Rc::new((Form::of(&view.settings), view.configured_address))),
                    Err(error) => Load::Failed(error.message()),
                });
            });
        });
    }
    let body = match &*loaded {
        Load::Pending => html! { <p class="status" role="status">{ ui.t(Text::Loading) }</p> },
        Load::Failed(message) => html! { <p class="error" role="alert">{ ui.t(Text::LoadFailed) }{ " " }{ message }</p> },
        Load::Ready(ready) => html! { <MailForm form={ready.0.clone()} configured={ready.1.clone()} /> },
    };
    html! {
        <section class="mail-settings" aria-labelledby="mail-title">
            <h1 id="mail-title" tabindex="-1">{ ui.t(Text::MailSettingsTitle) }</h1>
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct MailFormProps {
    form: Form,
    configured: Option<String>,
}

#[function_component]
fn MailForm(props: &MailFormProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let address = use_state(|| props.form.address.clone());
    let sender = use_state(|| props.form.sender.clone());
    let events = use_state(|| props.form.events.clone());
    let wording = use_state(|| props.form.wording.clone());
    let failed = use_state(|| None::<String>);
    let onsubmit = {
        let (api, ui, failed) = (session.api.clone(), ui.clone(), failed.clone());
        let form = Form { address: (*address).clone(), sender: (*sender).clone(), events: (*events).clone(), wording: (*wording).clone() };
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (api, ui, failed, settings) = (api.clone(), ui.clone(), failed.clone(), form.settings());
            wasm_bindgen_futures::spawn_local(async move {
                match api.set_mail_settings(&settings).await {
                    Ok(_) => {
                        failed.set(None);
                        ui.announce(ui.t(Text::Saved));
                    }
                    Err(error) => failed.set(Some(error.message())),
                }
            });
        })
    };
    let toggle = |kind: MailKind| {
        let events = events.clone();
        Callback::from(move |_: Event| {
            let mut now = (*events).clone();
            if now.contains(&kind) { now.retain(|k| *k != kind) } else { now.push(kind) }
            events.set(now);
        })
    };
    // The wording field at `index`, `intro` or subject, as typed.
    let edit = |index: usize, intro: bool| {
        let wording = wording.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let mut now = (*wording).clone();
            if intro { now[index].3 = value } else { now[index].2 = value }
            wording.set(now);
        })
    };
    let configured = props.configured.clone().unwrap_or_else(|| ui.t(Text::NoConfiguredAddress).to_string());
    html! {
        <form class="mail-settings" {onsubmit}>
            <label for="mail-address">{ ui.t(Text::SupportAddress) }</label>
            <input id="mail-address" type="email" aria-describedby="mail-address-hint" value={(*address).clone()} oninput={keep(&address)} />
            <p id="mail-address-hint" class="hint">{ fill(ui.t(Text::SupportAddressHint), configured) }</p>
            <label for="mail-sender">{ ui.t(Text::SenderName) }</label>
            <input id="mail-sender" type="text" maxlength="100" value={(*sender).clone()} oninput={keep(&sender)} />
            <fieldset>
                <legend>{ ui.t(Text::MailEvents) }</legend>
                { for MailKind::ALL.iter().map(|kind| html! {
                    <label class="check">
                        <input type="checkbox" checked={events.contains(kind)} onchange={toggle(*kind)} />
                        { ui.t(labels::mail_kind(*kind)) }
                    </label>
                }) }
            </fieldset>
            <h2>{ ui.t(Text::MailWording) }</h2>
            <p class="hint">{ ui.t(Text::MailWordingHint) }</p>
            { for MailKind::ALL.iter().map(|kind| html! {
                <fieldset>
                    <legend>{ ui.t(labels::mail_kind(*kind)) }</legend>
                    { for wording.iter().enumerate().filter(|(_, w)| w.0 == *kind).map(|(i, (_, locale, subject, intro))| {
                        let language = LOCALES.iter().find(|(l, _)| l == locale).map(|(_, t)| ui.t(*t)).unwrap_or_default();
                        html! {
                            <div class="wording">
                                <label for={format!("wording-{i}-subject")}>{ format!("{} · {language}", ui.t(Text::WordingSubject)) }</label>
                                <input id={format!("wording-{i}-subject")} type="text" maxlength="200" value={subject.clone()} oninput={edit(i, false)} />
                                <label for={format!("wording-{i}-intro")}>{ format!("{} · {language}", ui.t(Text::WordingIntro)) }</label>
                                <input id={format!("wording-{i}-intro")} type="text" maxlength="1000" value={intro.clone()} oninput={edit(i, true)} />
                            </div>
                        }
                    }) }
                </fieldset>
            }) }
            if let Some(message) = &*failed {
                <p class="error" role="alert">{ ui.t(Text::ActionFailed) }{ " " }{ message }</p>
            }
            <button type="submit">{ ui.t(Text::Save) }</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_sends_only_what_the_admin_wrote() {
        let stored = MailSettings {
            support_address: None,
            sender_name: Some("星河客服".into()),
            events: vec![MailKind::Callback, MailKind::Reply],
            wording: vec![Wording { kind: MailKind::Solved, locale: "en-us".into(), subject: "Done: {subject}".into(), intro: String::new() }],
        };
        let form = Form::of(&stored);
        assert_eq!(form.wording.len(), MailKind::ALL.len() * LOCALES.len());
        let sent = form.settings();
        assert_eq!(sent.events, vec![MailKind::Reply, MailKind::Callback], "in the kinds' order");
        assert_eq!(sent.wording, stored.wording);
        assert_eq!((sent.support_address, sent.sender_name.as_deref()), (None, Some("星河客服")));
    }
}
