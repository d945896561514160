//! The mails we send a requester, as MIME: a plain-text and an HTML part saying the same, in
//! the ticket's language (zh-CN or en-US), with the links back into the ticket, a reply
//! address that threads the answer, and `List-Unsubscribe` (one click, RFC 8058).

use mail_builder::headers::address::Address;
use mail_builder::headers::message_id::MessageId;
use mail_builder::headers::raw::Raw;
use mail_builder::headers::url::URL;
use mail_builder::MessageBuilder;
use wire::chat::Speaker;

use crate::settings::Lines;

/// What happened on the ticket since the last mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum News {
    /// An agent's public replies, oldest first (a burst becomes one mail).
    Replies(Vec<Reply>),
    /// The ticket was solved; the mail asks whether it stayed solved.
    Solved,
    /// A live chat's lines, in order, which the user asked for when it ended.
    Transcript(Vec<Said>),
    /// A callback was booked for `at` (ms since the epoch), to be said as the requester's clock
    /// reads it (`utc_offset_minutes` east of UTC; UTC when unknown).
    Callback { at: i64, utc_offset_minutes: Option<i64>, phone: String },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub agent: String,
    pub text: String,
}

/// One line of a chat: who said it (an agent's or bot's name may be blank) and the words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Said {
    pub speaker: Speaker,
    pub name: String,
    pub text: String,
}

/// The links a mail carries, each already signed (see [`crate::link`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Links {
    /// Opens the ticket as its requester.
    pub ticket: String,
    /// The unsubscribe page (also the one-click `List-Unsubscribe-Post` target).
    pub unsubscribe: String,
    /// "Yes, it stayed solved" and "no", for [`News::Solved`].
    pub still_solved: Option<(String, String)>,
}

/// One mail to a requester about one ticket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The name mails come from (the site's sender name, else its name); also the subject's `[…]`.
    pub site_name: String,
    /// The support address (the sender).
    pub from: String,
    /// The ticket's reply address.
    pub reply_to: String,
    pub to: String,
    pub requester_name: Option<String>,
    /// The ticket's locale (`zh-cn`, `en-us`); anything not Chinese gets English.
    pub locale: String,
    pub ticket_number: i64,
    pub ticket_subject: String,
    pub news: News,
    pub links: Links,
    /// Without angle brackets (see [`crate::address::SupportAddress`]).
    pub message_id: String,
    pub thread_id: String,
    /// Seconds since the epoch.
    pub date: i64,
    /// The site's own subject and opening line for this kind of mail in this language, if it
    /// set them (`crate::settings`); blank lines fall back to ours.
    pub wording: Lines,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Chinese,
    English,
}

/// Each text in both languages, side by side, so none exists in one language only.
#[derive(Clone, Copy)]
enum Text {
    ReplySubject,
    SolvedSubject,
    TranscriptSubject,
    CallbackSubject,
    TranscriptBody,
    CallbackBody,
    You,
    Support,
    Assistant,
    Service,
    Greeting,
    GreetingNamed,
    Replied,
    SolvedBody,
    Question,
    Yes,
    No,
    Open,
    AnswerByMail,
    Unsubscribe,
}

impl Text {
    fn in_(self, language: Language) -> &'static str {
        let (zh, en) = match self {
            Text::ReplySubject => ("您的工单 #{number} 有新回复：{subject}", "New reply to your request #{number}: {subject}"),
            Text::SolvedSubject => ("您的工单 #{number} 已解决：{subject}", "Your request #{number} is solved: {subject}"),
            Text::TranscriptSubject => ("您与客服的聊天记录（工单 #{number}）", "Your chat with support (request #{number})"),
            Text::CallbackSubject => ("已为您预约回电：{time}", "Your callback is booked: {time}"),
            Text::TranscriptBody => ("这是您刚才与客服的聊天记录（工单 #{number}「{subject}」）：", "Here is your chat with support about request #{number} \"{subject}\", as you asked:"),
            Text::CallbackBody => ("我们将于 {time} 致电 {phone}，关于您的工单 #{number}「{subject}」。", "We will call you on {phone} at {time} about your request #{number} \"{subject}\"."),
            Text::You => ("您", "You"),
            Text::Support => ("客服", "Support"),
            Text::Assistant => ("智能助手", "Assistant"),
            Text::Service => ("系统", "Notice"),
            Text::Greeting => ("您好：", "Hello,"),
            Text::GreetingNamed => ("{name}，您好：", "Hello {name},"),
            Text::Replied => ("客服回复了您的工单 #{number}「{subject}」：", "Support answered your request #{number} \"{subject}\":"),
            Text::SolvedBody => ("我们已将您的工单 #{number}「{subject}」标记为已解决。", "We marked your request #{number} \"{subject}\" as solved."),
            Text::Question => ("问题解决了吗？", "Did that solve it?"),
            Text::Yes => ("是，已解决", "Yes, it's solved"),
            Text::No => ("没有，还需要帮助", "No, I still need help"),
            Text::Open => ("查看工单并回复", "View the request and reply"),
            Text::AnswerByMail => ("也可以直接回复这封邮件。", "You can also simply reply to this email."),
            Text::Unsubscribe => ("不再接收这张工单的邮件", "Stop emails about this request"),
        };
        match language {
            Language::Chinese => zh,
            Language::English => en,
        }
    }
}

impl Language {
    /// Chinese for any `zh…` locale, else English.
    pub fn of(locale: &str) -> Language {
        if locale.to_ascii_lowercase().starts_with("zh") { Language::Chinese } else { Language::English }
    }
}

impl Notice {
    fn language(&self) -> Language {
        Language::of(&self.locale)
    }

    /// Our words, or the site's (`custom`, when set), with the placeholders filled.
    fn fill(&self, line: &str) -> String {
        let mut filled = line
            .replace("{number}", &self.ticket_number.to_string())
            .replace("{subject}", &self.ticket_subject)
            .replace("{name}", self.requester_name.as_deref().unwrap_or_default());
        if let News::Callback { at, utc_offset_minutes, phone } = &self.news {
            filled = filled.replace("{time}", &local_time(self.language(), *at, *utc_offset_minutes)).replace("{phone}", phone);
        }
        filled
    }

    fn say(&self, text: Text) -> String {
        self.fill(text.in_(self.language()))
    }

    fn said_or(&self, custom: &Option<String>, text: Text) -> String {
        match custom.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            Some(custom) => self.fill(custom),
            None => self.say(text),
        }
    }

    /// `[site] …`: the subject line, UTF-8 (encoded by RFC 2047 where needed).
    pub fn subject(&self) -> String {
        let ours = match self.news {
            News::Replies(_) => Text::ReplySubject,
            News::Solved => Text::SolvedSubject,
            News::Transcript(_) => Text::TranscriptSubject,
            News::Callback { .. } => Text::CallbackSubject,
        };
        format!("[{}] {}", self.site_name, self.said_or(&self.wording.subject, ours))
    }

    /// The line that opens the news, after the greeting.
    fn intro(&self) -> String {
        let ours = match self.news {
            News::Replies(_) => Text::Replied,
            News::Solved => Text::SolvedBody,
            News::Transcript(_) => Text::TranscriptBody,
            News::Callback { .. } => Text::CallbackBody,
        };
        self.said_or(&self.wording.intro, ours)
    }

    /// Who said a chat line, as the requester reads it.
    fn speaker(&self, said: &Said) -> String {
        match said.speaker {
            Speaker::User => self.say(Text::You),
            Speaker::Agent if !said.name.trim().is_empty() => said.name.clone(),
            Speaker::Agent => self.say(Text::Support),
            Speaker::Bot => self.say(Text::Assistant),
            Speaker::System => self.say(Text::Service),
        }
    }

    /// The lines the news quotes (replies, a chat), as (who, words).
    fn quoted(&self) -> Vec<(String, String)> {
        match &self.news {
            News::Replies(replies) => replies.iter().map(|r| (r.agent.clone(), r.text.clone())).collect(),
            News::Transcript(lines) => lines.iter().map(|l| (self.speaker(l), l.text.clone())).collect(),
            News::Solved | News::Callback { .. } => Vec::new(),
        }
    }

    fn greeting(&self) -> String {
        if self.requester_name.as_deref().is_some_and(|n| !n.trim().is_empty()) { self.say(Text::GreetingNamed) } else { self.say(Text::Greeting) }
    }

    pub fn text_body(&self) -> String {
        let mut out = format!("{}\n\n{}\n\n", self.greeting(), self.intro());
        for (who, text) in self.quoted() {
            out.push_str(&format!("{who}:\n{text}\n\n"));
        }
        if let Some((yes, no)) = &self.links.still_solved {
            out.push_str(&format!("{}\n{}: {yes}\n{}: {no}\n\n", self.say(Text::Question), self.say(Text::Yes), self.say(Text::No)));
        }
        out.push_str(&format!("{}: {}\n{}\n\n-- \n{}\n{}: {}\n", self.say(Text::Open), self.links.ticket, self.say(Text::AnswerByMail), self.site_name, self.say(Text::Unsubscribe), self.links.unsubscribe));
        out
    }

    /// The same as [`Notice::text_body`], in HTML: every word a person wrote is escaped, so an
    /// agent's reply cannot put markup in the requester's mailbox.
    pub fn html_body(&self) -> String {
        let lang = match self.language() {
            Language::Chinese => "zh-CN",
            Language::English => "en-US",
        };
        let mut out = format!(
            "<!doctype html><html lang=\"{lang}\"><body style=\"font-family:sans-serif;line-height:1.5\"><p>{}</p><p>{}</p>",
            escape(&self.greeting()),
            escape(&self.intro())
        );
        for (who, text) in self.quoted() {
            out.push_str(&format!(
                "<blockquote style=\"margin:0 0 1em;padding-left:1em;border-left:3px solid #ccc\"><strong>{}</strong><br>{}</blockquote>",
                escape(&who),
                escape(&text).replace('\n', "<br>")
            ));
        }
        if let Some((yes, no)) = &self.links.still_solved {
            out.push_str(&format!(
                "<p>{}</p><p><a href=\"{}\">{}</a> &nbsp; <a href=\"{}\">{}</a></p>",
                escape(&self.say(Text::Question)),
                escape(yes),
                escape(&self.say(Text::Yes)),
                escape(no),
                escape(&self.say(Text::No))
            ));
        }
        out.push_str(&format!(
            "<p><a href=\"{}\">{}</a></p><p>{}</p><hr><p style=\"color:#666;font-size:small\">{} · <a href=\"{}\">{}</a></p></body></html>",
            escape(&self.links.ticket),
            escape(&self.say(Text::Open)),
            escape(&self.say(Text::AnswerByMail)),
            escape(&self.site_name),
            escape(&self.links.unsubscribe),
            escape(&self.say(Text::Unsubscribe))
        ));
        out
    }

    /// The whole message, RFC 5322 with MIME, ready for the `send_email` binding.
    pub fn to_mime(&self) -> String {
        let to = match self.requester_name.as_deref().filter(|n| !n.trim().is_empty()) {
            Some(name) => Address::new_address(Some(name.to_string()), self.to.clone()),
            None => Address::new_address(None::<String>, self.to.clone()),
        };
        MessageBuilder::new()
            .from((self.site_name.clone(), self.from.clone()))
            .reply_to(self.reply_to.clone())
            .to(to)
            .subject(self.subject())
            .date(self.date)
            .message_id(self.message_id.clone())
            .in_reply_to(MessageId::new(self.thread_id.clone()))
            .references(MessageId::new(self.thread_id.clone()))
            // RFC 3834: an automatic notice; well-behaved responders send no vacation reply.
            .header("Auto-Submitted", Raw::new("auto-generated"))
            .header("List-Unsubscribe", URL::new(self.links.unsubscribe.clone()))
            .header("List-Unsubscribe-Post", Raw::new("List-Unsubscribe=One-Click"))
            .text_body(self.text_body())
            .html_body(self.html_body())
            .write_to_string()
            .expect("writing to memory cannot fail")
    }
}

/// An instant as the requester's clock shows it: `2027年1月15日 09:30（UTC+8）` or
/// `2027-01-15 09:30 (UTC+8)`; UTC when their zone is unknown.
pub fn local_time(language: Language, at: i64, utc_offset_minutes: Option<i64>) -> String {
    let offset = utc_offset_minutes.unwrap_or(0);
    let local = at + offset * 60_000;
    let day = desk::analytics::day_of(local);
    let minutes = local.rem_euclid(desk::DAY) / 60_000;
    let zone = match (offset.abs() / 60, offset.abs() % 60) {
        (0, 0) => "UTC".to_string(),
        (h, 0) => format!("UTC{}{h}", if offset < 0 { '-' } else { '+' }),
        (h, m) => format!("UTC{}{h}:{m:02}", if offset < 0 { '-' } else { '+' }),
    };
    let clock = format!("{:02}:{:02}", minutes / 60, minutes % 60);
    match language {
        Language::Chinese => {
            let mut parts = day.split('-').map(|p| p.trim_start_matches('0'));
            let (y, m, d) = (parts.next().unwrap_or_default(), parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
            format!("{y}年{m}月{d}日 {clock}（{zone}）")
        }
        Language::English => format!("{day} {clock} ({zone})"),
    }
}

/// Text into HTML: the five characters that could open markup or leave an attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use mail_parser::MessageParser;

    fn notice(locale: &str, news: News) -> Notice {
        Notice {
            site_name: "星河视频 Galaxy Video".into(),
            from: "support@galaxy-video.test".into(),
            reply_to: "support+t1.abcd@galaxy-video.test".into(),
            to: "lin@example.com".into(),
            requester_name: Some("林".into()),
            locale: locale.into(),
            ticket_number: 12,
            ticket_subject: "视频一直缓冲".into(),
            links: Links {
                ticket: "https://help.test/app#hw-access=a.t1.0.9.ff".into(),
                unsubscribe: "https://help.test/api/v1/mail/unsubscribe?site=demo&link=u.t1.0.9.ff".into(),
                still_solved: matches!(news, News::Solved).then(|| ("https://help.test/y".to_string(), "https://help.test/n".to_string())),
            },
            news,
            message_id: "m.mail1@galaxy-video.test".into(),
            thread_id: "t.t1@galaxy-video.test".into(),
            date: 1_700_000_000,
            wording: Lines::default(),
        }
    }

    fn replies() -> News {
        News::Replies(vec![Reply { agent: "王客服".into(), text: "请清除缓存后重试 <b>".into() }, Reply { agent: "王客服".into(), text: "或者重启应用".into() }])
    }

    #[test]
    fn a_reply_mail_reads_back_with_its_headers_and_both_parts() {
        let raw = notice("zh-cn", replies()).to_mime();
        let message = MessageParser::default().parse(raw.as_bytes()).expect("our MIME parses");
        assert_eq!(message.subject(), Some("[星河视频 Galaxy Video] 您的工单 #12 有新回复：视频一直缓冲"));
        assert_eq!(message.message_id(), Some("m.mail1@galaxy-video.test"));
        assert_eq!(message.in_reply_to().as_text(), Some("t.t1@galaxy-video.test"));
        assert_eq!(message.reply_to().and_then(|a| a.first()).and_then(|a| a.address()), Some("support+t1.abcd@galaxy-video.test"));
        assert_eq!(message.from().and_then(|a| a.first()).and_then(|a| a.address()), Some("support@galaxy-video.test"));
        assert_eq!(message.header_raw("Auto-Submitted").map(str::trim), Some("auto-generated"));
        assert_eq!(message.header_raw("List-Unsubscribe-Post").map(str::trim), Some("List-Unsubscribe=One-Click"));
        assert!(message.header_raw("List-Unsubscribe").unwrap().contains("/api/v1/mail/unsubscribe?site=demo"));
        let text = message.body_text(0).unwrap();
        assert!(text.contains("林，您好") && text.contains("请清除缓存后重试 <b>") && text.contains("或者重启应用"), "{text}");
        assert!(text.contains("https://help.test/app#hw-access=a.t1.0.9.ff"));
        let html = message.body_html(0).unwrap();
        assert!(html.contains("请清除缓存后重试 &lt;b&gt;") && !html.contains("<b>"), "{html}");
        assert!(html.contains("lang=\"zh-CN\""));
    }

    #[test]
    fn the_locale_chooses_the_words() {
        let english = notice("en-us", News::Solved);
        assert_eq!(english.subject(), "[星河视频 Galaxy Video] Your request #12 is solved: 视频一直缓冲");
        let text = english.text_body();
        assert!(text.starts_with("Hello 林,") && text.contains("Did that solve it?\nYes, it's solved: https://help.test/y\nNo, I still need help: https://help.test/n"), "{text}");
        let chinese = notice("zh-CN", News::Solved).text_body();
        assert!(chinese.contains("问题解决了吗？") && chinese.contains("是，已解决: https://help.test/y"), "{chinese}");
    }

    #[test]
    fn a_requester_without_a_name_is_greeted_plainly() {
        let mut anonymous = notice("en-us", replies());
        anonymous.requester_name = None;
        assert!(anonymous.text_body().starts_with("Hello,\n"));
        let raw = anonymous.to_mime();
        let message = MessageParser::default().parse(raw.as_bytes()).unwrap();
        assert_eq!(message.to().and_then(|a| a.first()).and_then(|a| a.address()), Some("lin@example.com"));
    }

    #[test]
    fn a_transcript_names_each_speaker_in_the_requesters_words() {
        let lines = vec![
            Said { speaker: Speaker::Bot, name: String::new(), text: "您好，请问有什么可以帮您？".into() },
            Said { speaker: Speaker::User, name: "林".into(), text: "视频卡住了".into() },
            Said { speaker: Speaker::Agent, name: "王客服".into(), text: "请重启 <app>".into() },
        ];
        let chinese = notice("zh-cn", News::Transcript(lines.clone()));
        assert_eq!(chinese.subject(), "[星河视频 Galaxy Video] 您与客服的聊天记录（工单 #12）");
        let text = chinese.text_body();
        assert!(text.contains("智能助手:\n您好") && text.contains("您:\n视频卡住了") && text.contains("王客服:\n请重启 <app>"), "{text}");
        assert!(chinese.html_body().contains("请重启 &lt;app&gt;"));
        let english = notice("en-us", News::Transcript(lines)).text_body();
        assert!(english.contains("Assistant:\n") && english.contains("You:\n视频卡住了"), "{english}");
    }

    #[test]
    fn a_callback_is_confirmed_on_the_requesters_clock() {
        // 2023-11-14 22:13:20 UTC is 06:13 the next morning at UTC+8, 17:13 at UTC-5.
        let at = 1_700_000_000_000;
        let booked = |locale: &str, offset| notice(locale, News::Callback { at, utc_offset_minutes: offset, phone: "+86 138".into() });
        assert_eq!(booked("zh-cn", Some(480)).subject(), "[星河视频 Galaxy Video] 已为您预约回电：2023年11月15日 06:13（UTC+8）");
        assert!(booked("en-us", Some(-300)).text_body().contains("We will call you on +86 138 at 2023-11-14 17:13 (UTC-5) about your request #12"));
        assert_eq!(local_time(Language::English, at, None), "2023-11-14 22:13 (UTC)");
        assert_eq!(local_time(Language::English, at, Some(330)), "2023-11-15 03:43 (UTC+5:30)");
    }

    #[test]
    fn the_sites_own_wording_replaces_ours_with_placeholders_filled() {
        let mut mail = notice("en-us", News::Solved);
        mail.wording = Lines { subject: Some("Case {number} closed".into()), intro: Some("  ".into()) };
        assert_eq!(mail.subject(), "[星河视频 Galaxy Video] Case 12 closed");
        assert!(mail.text_body().contains("We marked your request #12"), "a blank line keeps ours");
    }

    #[test]
    fn escape_defuses_markup() {
        assert_eq!(escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
