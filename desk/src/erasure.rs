//! Erasing a requester's personal data (GDPR art. 17, PIPL art. 47): on request, or when a
//! closed ticket outlives the site's retention. What goes: their name and email, the journey the
//! widget sent (searches, articles read, the bot conversation, the page), a callback's number,
//! their name in chat transcripts, a rating's comment, and — when asked — the words they wrote.
//! What stays: the case itself (numbers, status, department, dates, the agents' words), so the
//! help desk's figures still add up.

use wire::chat::Speaker;
use wire::tickets::{ActorKind, Change, TicketContext};

use crate::{Event, Ticket};

/// What replaces an erased text.
pub const ERASED: &str = "[erased]";

/// How much to erase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Erase {
    /// Also the texts the requester wrote (subject, description, messages, chat lines).
    pub messages: bool,
}

impl Ticket {
    /// Removes the requester's personal data from the ticket itself.
    pub fn erase_personal_data(&mut self, erase: Erase) {
        self.requester.name = None;
        self.requester.email = None;
        self.context = TicketContext { locale: self.context.locale.clone(), triage: self.context.triage.clone(), ..TicketContext::default() };
        if let Some(csat) = &mut self.csat {
            csat.comment = None;
        }
        if erase.messages {
            self.subject = ERASED.into();
            self.description = ERASED.into();
        }
    }
}

/// An entry of the ticket's log with the requester's personal data removed; `None` when nothing
/// in it is theirs.
pub fn erase_event(event: &Event, erase: Erase) -> Option<Event> {
    let by_requester = event.actor.kind == ActorKind::Requester;
    let change = match &event.change {
        Change::Message { .. } if by_requester && erase.messages => Change::Message { text: ERASED.into() },
        Change::Csat { score, comment: Some(_) } => Change::Csat { score: *score, comment: None },
        Change::Chat { chat_id, ended_by, messages } => {
            let mut messages = messages.clone();
            for message in messages.iter_mut().filter(|m| m.role == Speaker::User) {
                message.name = Speaker::User.as_str().into();
                if erase.messages {
                    message.text = ERASED.into();
                }
            }
            Change::Chat { chat_id: chat_id.clone(), ended_by: *ended_by, messages }
        }
        _ if by_requester => event.change.clone(),
        _ => return None,
    };
    let mut actor = event.actor.clone();
    if by_requester {
        actor.name = Speaker::User.as_str().into();
    }
    let erased = Event { at: event.at, actor, change };
    (erased != *event).then_some(erased)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wire::chat::ChatMessage;
    use wire::tickets::{Actor, Callback, Csat, TranscriptLine};

    fn requester(change: Change) -> Event {
        Event { at: 1, actor: Actor { kind: ActorKind::Requester, name: "林小明".into() }, change }
    }

    #[test]
    fn the_requesters_words_go_only_when_asked_and_their_name_always() {
        let said = requester(Change::Message { text: "我的手机号是 13800138000".into() });
        let kept = erase_event(&said, Erase { messages: false }).unwrap();
        assert_eq!(kept.actor.name, "user");
        assert_eq!(kept.change, said.change);
        let gone = erase_event(&said, Erase { messages: true }).unwrap();
        assert_eq!(gone.change, Change::Message { text: ERASED.into() });
    }

    #[test]
    fn agents_words_stay_and_a_rating_loses_its_comment() {
        let agent = Event { at: 1, actor: Actor { kind: ActorKind::Agent, name: "Li".into() }, change: Change::Message { text: "已处理".into() } };
        assert_eq!(erase_event(&agent, Erase { messages: true }), None);
        let rated = requester(Change::Csat { score: 2, comment: Some("林小明很生气".into()) });
        assert_eq!(erase_event(&rated, Erase { messages: false }).unwrap().change, Change::Csat { score: 2, comment: None });
    }

    #[test]
    fn a_chat_transcript_loses_the_users_name_and_on_request_their_lines() {
        let line = |role, name: &str, text: &str| ChatMessage { seq: 1, client_id: "c".into(), role, name: name.into(), text: text.into(), at: 1 };
        let chat = Event {
            at: 1,
            actor: Actor { kind: ActorKind::System, name: "system".into() },
            change: Change::Chat { chat_id: "c1".into(), ended_by: Speaker::Agent, messages: vec![line(Speaker::User, "林小明", "我叫林小明"), line(Speaker::Agent, "Li", "好的")] },
        };
        let Change::Chat { messages, .. } = erase_event(&chat, Erase { messages: true }).unwrap().change else { panic!("not a chat") };
        assert_eq!((messages[0].name.as_str(), messages[0].text.as_str()), ("user", ERASED));
        assert_eq!((messages[1].name.as_str(), messages[1].text.as_str()), ("Li", "好的"));
    }

    #[test]
    fn the_ticket_keeps_its_case_and_loses_its_person() {
        let site: crate::Site = serde_json::from_value(serde_json::json!({
            "id": "s", "name": "S", "locales": ["zh-cn"], "allowed_origins": [], "departments": ["general"],
            "default_department": "general", "categories": {"账号": "general"}, "business_hours": "", "hotline": "", "secret_var": "X"
        }))
        .unwrap();
        let request = wire::tickets::NewTicket {
            subject: "林小明的账号".into(),
            description: "手机 13800138000".into(),
            category: "账号".into(),
            name: Some("林小明".into()),
            email: Some("lin@example.com".into()),
            channel: wire::tickets::Channel::Web,
            context: TicketContext {
                searches: vec!["林小明".into()],
                bot_transcript: vec![TranscriptLine { speaker: Speaker::User, text: "我是林小明".into() }],
                page_url: Some("https://example.com/u/lin".into()),
                callback: Some(Callback { phone: "13800138000".into(), at: 5, utc_offset_minutes: None }),
                ..TicketContext::default()
            },
        };
        let owner = crate::Requester { user_id: Some("u-1".into()), token_digest: None, name: None, email: None };
        let (mut ticket, _) = Ticket::file("t".into(), &site, &request, owner, 0).unwrap();
        ticket.csat = Some(Csat { score: 4, comment: Some("谢谢".into()) });
        ticket.erase_personal_data(Erase { messages: true });
        let left = format!("{ticket:?}");
        for personal in ["林小明", "13800138000", "lin@example.com", "example.com/u", "谢谢"] {
            assert!(!left.contains(personal), "{personal} is still in {left}");
        }
        assert_eq!((ticket.department.as_str(), ticket.csat.map(|c| c.score)), ("general", Some(4)));
    }
}
