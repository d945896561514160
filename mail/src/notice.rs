//! The mails we send a requester, as MIME: a plain-text and an HTML part saying the same, in
//! the ticket's language (zh-CN or en-US), with the links back into the ticket, a reply
//! address that threads the answer, and `List-Unsubscribe` (one click, RFC 8058).

use mail_builder::headers::address::Address;
use mail_builder::headers::message_id::MessageId;
use mail_builder::headers::raw::Raw;
use mail_builder::headers::url::URL;
use mail_builder::MessageBuilder;

/// What happened on the ticket since the last mail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum News {
    /// An agent's public replies, oldest first (a burst becomes one mail).
    Replies(Vec<Reply>),
    /// The ticket was solved; the mail asks whether it stayed solved.
    Solved,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub agent: String,
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
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Language {
    Chinese,
    English,
}

/// Each text in both languages, side by side, so none exists in one language only.
#[derive(Clone, Copy)]
enum Text {
    ReplySubject,
    SolvedSubject,
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

impl Notice {
    fn language(&self) -> Language {
        if self.locale.to_ascii_lowercase().starts_with("zh") { Language::Chinese } else { Language::English }
    }

    fn say(&self, text: Text) -> String {
        text.in_(self.language())
            .replace("{number}", &self.ticket_number.to_string())
            .replace("{subject}", &self.ticket_subject)
            .replace("{name}", self.requester_name.as_deref().unwrap_or_default())
    }

    /// `[site] …`: the subject line, UTF-8 (encoded by RFC 2047 where needed).
    pub fn subject(&self) -> String {
        let line = match self.news {
            News::Replies(_) => self.say(Text::ReplySubject),
            News::Solved => self.say(Text::SolvedSubject),
        };
        format!("[{}] {line}", self.site_name)
    }

    fn greeting(&self) -> String {
        if self.requester_name.as_deref().is_some_and(|n| !n.trim().is_empty()) { self.say(Text::GreetingNamed) } else { self.say(Text::Greeting) }
    }

    pub fn text_body(&self) -> String {
        let mut out = format!("{}\n\n", self.greeting());
        match &self.news {
            News::Replies(replies) => {
                out.push_str(&self.say(Text::Replied));
                out.push_str("\n\n");
                for reply in replies {
                    out.push_str(&format!("{}:\n{}\n\n", reply.agent, reply.text));
                }
            }
            News::Solved => out.push_str(&format!("{}\n\n", self.say(Text::SolvedBody))),
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
        let mut out = format!("<!doctype html><html lang=\"{lang}\"><body style=\"font-family:sans-serif;line-height:1.5\"><p>{}</p>", escape(&self.greeting()));
        match &self.news {
            News::Replies(replies) => {
                out.push_str(&format!("<p>{}</p>", escape(&self.say(Text::Replied))));
                for reply in replies {
                    out.push_str(&format!(
                        "<blockquote style=\"margin:0 0 1em;padding-left:1em;border-left:3px solid #ccc\"><strong>{}</strong><br>{}</blockquote>",
                        escape(&reply.agent),
                        escape(&reply.text).replace('\n', "<br>")
                    ));
                }
            }
            News::Solved => out.push_str(&format!("<p>{}</p>", escape(&self.say(Text::SolvedBody)))),
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
    fn escape_defuses_markup() {
        assert_eq!(escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
