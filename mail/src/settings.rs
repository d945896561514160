//! A site's mail settings as an admin sets them: the support address and sender name, which
//! kinds of mail go out, and the site's own subject and opening line per kind and language.
//! [`check`] is the one gate (the edge stores only what it passes); [`Settings`] answers the
//! outbox's questions about a checked value.

use desk::DeskError;
use wire::mail::{MailKind, MailSettings, Wording};

use crate::address::SupportAddress;
use crate::notice::Language;

/// The languages a site's wording is written in.
pub const LOCALES: [&str; 2] = ["zh-cn", "en-us"];
pub const SENDER_NAME: usize = 100;
pub const SUBJECT: usize = 200;
pub const INTRO: usize = 1000;
/// The words a site's lines may use, filled in per mail (`crate::notice`).
const PLACEHOLDERS: [&str; 5] = ["number", "subject", "name", "time", "phone"];

/// A subject and an opening line the site wrote; `None` (or blank) keeps ours.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lines {
    pub subject: Option<String>,
    pub intro: Option<String>,
}

/// Settings that passed [`check`].
#[derive(Clone, Debug, PartialEq)]
pub struct Settings(MailSettings);

impl Default for Settings {
    /// A site that never saved settings: every kind of mail goes, in our words.
    fn default() -> Settings {
        Settings(MailSettings { support_address: None, sender_name: None, events: MailKind::ALL.to_vec(), wording: Vec::new() })
    }
}

impl Settings {
    pub fn value(&self) -> &MailSettings {
        &self.0
    }

    /// Whether this kind of mail goes out.
    pub fn mails(&self, kind: MailKind) -> bool {
        self.0.events.contains(&kind)
    }

    /// The support address: the site's own, else the deployment's (`configured`).
    pub fn support(&self, configured: Option<SupportAddress>) -> Option<SupportAddress> {
        self.0.support_address.as_deref().and_then(SupportAddress::parse).or(configured)
    }

    /// The name mails come from: the site's own, else `site_name`.
    pub fn sender_name(&self, site_name: &str) -> String {
        self.0.sender_name.clone().unwrap_or_else(|| site_name.to_string())
    }

    /// The site's lines for this kind of mail in the language of `locale`.
    pub fn lines(&self, kind: MailKind, locale: &str) -> Lines {
        let language = Language::of(locale);
        let blank_is_ours = |text: &str| Some(text.trim().to_string()).filter(|t| !t.is_empty());
        self.0
            .wording
            .iter()
            .find(|w| w.kind == kind && Language::of(&w.locale) == language)
            .map(|w| Lines { subject: blank_is_ours(&w.subject), intro: blank_is_ours(&w.intro) })
            .unwrap_or_default()
    }
}

/// Checks settings as an admin sent them: trimmed, blank as absent, each refusal naming its
/// field (`wording.2.subject`).
pub fn check(sent: &MailSettings) -> Result<Settings, DeskError> {
    let support_address = desk::limits::optional("support_address", sent.support_address.as_deref(), wire::limits::EMAIL)?;
    if let Some(address) = &support_address {
        if SupportAddress::parse(address).is_none() {
            return Err(DeskError::invalid("support_address", "must be a plain address like support@example.com (letters, digits, - . _; no +)"));
        }
    }
    let sender_name = desk::limits::optional("sender_name", sent.sender_name.as_deref(), SENDER_NAME)?;
    if sender_name.as_deref().is_some_and(|n| n.chars().any(char::is_control)) {
        return Err(DeskError::invalid("sender_name", "must be one line"));
    }
    let mut events = Vec::new();
    for (i, kind) in sent.events.iter().enumerate() {
        if events.contains(kind) {
            return Err(DeskError::invalid(&format!("events.{i}"), "is listed twice"));
        }
        events.push(*kind);
    }
    let mut wording: Vec<Wording> = Vec::new();
    for (i, line) in sent.wording.iter().enumerate() {
        let field = |name: &str| format!("wording.{i}.{name}");
        let locale = line.locale.trim().to_ascii_lowercase();
        if !LOCALES.contains(&locale.as_str()) {
            return Err(DeskError::invalid(&field("locale"), "must be zh-cn or en-us"));
        }
        if wording.iter().any(|w| w.kind == line.kind && w.locale == locale) {
            return Err(DeskError::invalid(&field("locale"), "has wording for this kind of mail already"));
        }
        let subject = desk::limits::optional(&field("subject"), Some(&line.subject), SUBJECT)?.unwrap_or_default();
        if subject.chars().any(char::is_control) {
            return Err(DeskError::invalid(&field("subject"), "must be one line"));
        }
        placeholders(&field("subject"), &subject)?;
        let intro = desk::limits::optional(&field("intro"), Some(&line.intro), INTRO)?.unwrap_or_default();
        placeholders(&field("intro"), &intro)?;
        wording.push(Wording { kind: line.kind, locale, subject, intro });
    }
    Ok(Settings(MailSettings { support_address, sender_name, events, wording }))
}

/// Refuses `{word}` unless it is one the mail fills in: a typo would reach the requester as is.
fn placeholders(field: &str, text: &str) -> Result<(), DeskError> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let word = &after[..close];
        if !PLACEHOLDERS.contains(&word) {
            return Err(DeskError::invalid(field, format!("{{{word}}} is not a placeholder; use {}", PLACEHOLDERS.map(|p| format!("{{{p}}}")).join(", "))));
        }
        rest = &after[close + 1..];
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent() -> MailSettings {
        MailSettings {
            support_address: Some(" Help@Galaxy-Video.test ".into()),
            sender_name: Some("星河客服".into()),
            events: vec![MailKind::Reply, MailKind::Callback],
            wording: vec![Wording { kind: MailKind::Reply, locale: "zh-CN".into(), subject: "工单 #{number} 有回复".into(), intro: " ".into() }],
        }
    }

    fn refused(settings: &MailSettings) -> String {
        match check(settings) {
            Err(DeskError::Invalid { field, .. }) => field,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn checked_settings_answer_the_outbox() {
        let settings = check(&sent()).unwrap();
        assert!(settings.mails(MailKind::Reply) && settings.mails(MailKind::Callback));
        assert!(!settings.mails(MailKind::Solved) && !settings.mails(MailKind::Transcript));
        assert_eq!(settings.support(None).map(|s| s.address()), Some("help@galaxy-video.test".into()));
        assert_eq!(settings.sender_name("Galaxy Video"), "星河客服");
        assert_eq!(settings.lines(MailKind::Reply, "zh-cn"), Lines { subject: Some("工单 #{number} 有回复".into()), intro: None });
        assert_eq!(settings.lines(MailKind::Reply, "en-us"), Lines::default());
        assert_eq!(settings.value().wording[0].locale, "zh-cn");
    }

    #[test]
    fn defaults_mail_everything_from_the_configured_address() {
        let defaults = Settings::default();
        assert!(MailKind::ALL.iter().all(|k| defaults.mails(*k)));
        let configured = SupportAddress::parse("support@galaxy-video.test");
        assert_eq!(defaults.support(configured.clone()), configured);
        assert_eq!(defaults.sender_name("Galaxy Video"), "Galaxy Video");
        let blank = check(&MailSettings { support_address: Some("  ".into()), sender_name: Some("".into()), ..sent() }).unwrap();
        assert_eq!((blank.value().support_address.as_deref(), blank.value().sender_name.as_deref()), (None, None));
    }

    #[test]
    fn bad_settings_are_refused_by_field() {
        assert_eq!(refused(&MailSettings { support_address: Some("support+x@a.test".into()), ..sent() }), "support_address");
        assert_eq!(refused(&MailSettings { sender_name: Some("a\r\nBcc: x".into()), ..sent() }), "sender_name");
        assert_eq!(refused(&MailSettings { sender_name: Some("n".repeat(SENDER_NAME + 1)), ..sent() }), "sender_name");
        assert_eq!(refused(&MailSettings { events: vec![MailKind::Reply, MailKind::Reply], ..sent() }), "events.1");
        let mut wording = sent();
        wording.wording.push(Wording { kind: MailKind::Solved, locale: "fr-fr".into(), subject: String::new(), intro: String::new() });
        assert_eq!(refused(&wording), "wording.1.locale");
        wording.wording[1].locale = "zh-cn".into();
        wording.wording[1].intro = "Solved {nmuber}".into();
        assert_eq!(refused(&wording), "wording.1.intro");
        wording.wording[1].intro = "x".repeat(INTRO + 1);
        assert_eq!(refused(&wording), "wording.1.intro");
        wording.wording[1].kind = MailKind::Reply;
        assert_eq!(refused(&wording), "wording.1.locale");
    }
}
