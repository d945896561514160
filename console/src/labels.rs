//! The console's words for the wire's enums and its way of writing times, durations and rates.

use browser_kit::locale::{fill, Locale};
use wire::mail::{MailKind, MailStatus};
use wire::tasks::TaskStatus;
use wire::tickets::{Channel, Priority, Status, TriageReason};

use crate::i18n::Text;

pub fn status(s: Status) -> Text {
    match s {
        Status::New => Text::StatusNew,
        Status::Open => Text::StatusOpen,
        Status::Pending => Text::StatusPending,
        Status::OnHold => Text::StatusOnHold,
        Status::Solved => Text::StatusSolved,
        Status::Closed => Text::StatusClosed,
    }
}

pub fn priority(p: Priority) -> Text {
    match p {
        Priority::Low => Text::PriorityLow,
        Priority::Normal => Text::PriorityNormal,
        Priority::High => Text::PriorityHigh,
        Priority::Urgent => Text::PriorityUrgent,
    }
}

pub fn channel(c: Channel) -> Text {
    match c {
        Channel::Web => Text::ChannelWeb,
        Channel::App => Text::ChannelApp,
        Channel::Chat => Text::ChannelChat,
        Channel::Hotline => Text::ChannelHotline,
        Channel::Email => Text::ChannelEmail,
    }
}

pub fn task_status(s: TaskStatus) -> Text {
    match s {
        TaskStatus::Open => Text::TaskStatusOpen,
        TaskStatus::Answered => Text::TaskStatusAnswered,
        TaskStatus::Cancelled => Text::TaskStatusCancelled,
    }
}

pub fn mail_kind(kind: MailKind) -> Text {
    match kind {
        MailKind::Reply => Text::MailReply,
        MailKind::Solved => Text::MailSolved,
        MailKind::Transcript => Text::MailTranscript,
        MailKind::Callback => Text::MailCallback,
    }
}

pub fn mail_status(status: MailStatus) -> Text {
    match status {
        MailStatus::Queued => Text::MailQueued,
        MailStatus::Sent => Text::MailSent,
        MailStatus::Failed => Text::MailFailed,
    }
}

/// Why triage raised a ticket's priority.
pub fn triage(reason: TriageReason) -> Text {
    match reason {
        TriageReason::AccountStolen => Text::TriageAccountStolen,
        TriageReason::MoneyLost => Text::TriageMoneyLost,
        TriageReason::Anger => Text::TriageAnger,
        TriageReason::RepeatedFailure => Text::TriageRepeatedFailure,
        TriageReason::ComplaintThreat => Text::TriageComplaintThreat,
        TriageReason::Urgent => Text::TriageUrgent,
    }
}

/// How long someone has waited: seconds under a minute, then minutes.
pub fn waited(locale: Locale, secs: u64) -> String {
    if secs < 60 {
        fill(locale.text(Text::WaitedSeconds), secs)
    } else {
        fill(locale.text(Text::WaitedMinutes), secs / 60)
    }
}

/// What a refused live-chat frame means to the agent (edge/PROTOCOL.md's error codes).
pub fn desk_refusal(code: &str) -> Text {
    match code {
        "agent_full" => Text::RefusedFull,
        "agent_unavailable" => Text::RefusedUnavailable,
        "wrong_department" => Text::RefusedWrongDepartment,
        "unknown_chat" | "no_chat" => Text::RefusedGone,
        "note_required" => Text::TransferNeedsNote,
        "ended" => Text::ChatEnded,
        "too_large" => Text::RefusedTooLong,
        _ => Text::RefusedOther,
    }
}

/// Why the edge closed a live socket for good (`live::socket::SocketEvent::Refused`).
pub fn socket_refusal(code: u16) -> Text {
    match code {
        crate::live::socket::SIGNED_OUT => Text::SocketSignedOut,
        crate::live::socket::LEFT_THE_CASE => Text::SocketLeftCase,
        _ => Text::SocketRefused,
    }
}

/// Hours as people say them: minutes under an hour, days over two days.
pub fn hours(locale: Locale, hours: f64) -> String {
    if hours < 1.0 {
        fill(locale.text(Text::Minutes), (hours * 60.0).round())
    } else if hours < 48.0 {
        fill(locale.text(Text::Hours), (hours * 10.0).round() / 10.0)
    } else {
        fill(locale.text(Text::Days), (hours / 24.0 * 10.0).round() / 10.0)
    }
}

pub fn percent(rate: f64) -> String {
    format!("{}%", (rate * 100.0).round())
}

/// A department by its name in the agent's language, as the site names it; else by its id.
pub fn department(me: &wire::agent::SignedIn, locale: Locale, id: &str) -> String {
    me.department_names.get(id).and_then(|names| names.get(locale.index_name())).cloned().unwrap_or_else(|| id.to_string())
}

/// A moment in the agent's own time zone and language (the browser knows both).
pub fn time(locale: Locale, ms: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    let options = browser_kit::js::object(&[("dateStyle", "medium".into()), ("timeStyle", "short".into())]);
    date.to_locale_string(locale.tag(), &options).as_string().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(hours(Locale::EnUs, 0.25), "15 min");
        assert_eq!(hours(Locale::EnUs, 2.04), "2 h");
        assert_eq!(hours(Locale::ZhCn, 72.0), "3 天");
        assert_eq!(percent(0.666), "67%");
    }

    #[test]
    fn departments_are_named_in_the_agents_language_else_by_id() {
        let agent = wire::agent::AgentProfile { id: "a".into(), name: "A".into(), department: "billing".into() };
        let names = [("billing".to_string(), [("zh-cn".to_string(), "会员与支付".to_string()), ("en-us".to_string(), "Billing".to_string())].into())].into();
        let me = wire::agent::SignedIn { agent: agent.clone(), site: "demo".into(), departments: vec![], agents: vec![agent], roles: vec![], scope: vec![], department_names: names };
        assert_eq!(department(&me, Locale::ZhCn, "billing"), "会员与支付");
        assert_eq!(department(&me, Locale::EnUs, "billing"), "Billing");
        assert_eq!(department(&me, Locale::EnUs, "security"), "security");
    }

    #[test]
    fn triage_reasons_are_translated() {
        assert_eq!(Locale::ZhCn.text(triage(TriageReason::MoneyLost)), "资金损失");
    }

    #[test]
    fn the_desks_words_read_in_both_languages() {
        assert_eq!(waited(Locale::EnUs, 42), "waiting 42 s");
        assert_eq!(waited(Locale::ZhCn, 185), "已等待 3 分钟");
        assert_eq!(Locale::EnUs.text(desk_refusal("agent_full")), "You are at your capacity: end a chat or raise it first.");
        assert_eq!(desk_refusal("something_new"), Text::RefusedOther);
    }
}
