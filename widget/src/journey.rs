//! What the user did before asking for a person: searches, articles read, the bot
//! conversation. It goes with every ticket and chat (as the contract's `TicketContext`) so
//! nobody has to repeat themselves, cut to the contract's limits.

use faq_data::bot::Reply;
use wire::chat::Speaker;
use wire::limits;
use wire::tickets::{TicketContext, TranscriptLine, TriageReason};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Journey {
    pub searches: Vec<String>,
    pub articles_read: Vec<String>,
    pub transcript: Vec<TranscriptLine>,
    /// Escalation reasons the bot found, for the ticket's priority.
    pub triage: Vec<TriageReason>,
    /// The Ask bot's conversation, as the Ask tab shows it.
    pub conversation: Vec<Exchange>,
}

/// One message to the Ask bot (or the choice answering its question) and its reply.
#[derive(Debug, Clone, PartialEq)]
pub struct Exchange {
    pub message: String,
    /// The category the user chose when the bot asked; the message is then the one asked about.
    pub chosen: Option<String>,
    pub reply: Reply,
}

impl Journey {
    /// Records a search. Search-as-you-type sends every prefix: a query that extends (or trims)
    /// the last one replaces it, so `自`, `自动`, `自动续费` is one search.
    pub fn record_search(&mut self, query: &str) {
        let query: String = query.trim().chars().take(limits::QUERY).collect();
        if query.is_empty() {
            return;
        }
        if let Some(last) = self.searches.last_mut() {
            if query.starts_with(last.as_str()) || last.starts_with(query.as_str()) {
                if query.len() > last.len() {
                    *last = query;
                }
                return;
            }
        }
        push_bounded(&mut self.searches, query, limits::SEARCHES);
    }

    pub fn record_article(&mut self, id: &str) {
        if self.articles_read.last().map(String::as_str) != Some(id) {
            push_bounded(&mut self.articles_read, id.chars().take(limits::ARTICLE_ID).collect(), limits::ARTICLES);
        }
    }

    pub fn record_line(&mut self, speaker: Speaker, text: &str) {
        let line = TranscriptLine { speaker, text: text.chars().take(limits::TRANSCRIPT_LINE).collect() };
        push_bounded(&mut self.transcript, line, limits::TRANSCRIPT_LINES);
    }

    pub fn record_exchange(&mut self, exchange: Exchange) {
        push_bounded(&mut self.conversation, exchange, limits::TRANSCRIPT_LINES);
    }

    /// The bot's last reply, which the next message answers.
    pub fn last_reply(&self) -> Option<&Reply> {
        self.conversation.last().map(|e| &e.reply)
    }

    pub fn record_triage(&mut self, reasons: impl IntoIterator<Item = TriageReason>) {
        for reason in reasons {
            if !self.triage.contains(&reason) {
                self.triage.push(reason);
            }
        }
    }

    /// The user's first words to the bot: a good ticket description to start from.
    pub fn first_user_line(&self) -> Option<&str> {
        self.transcript.iter().find(|l| l.speaker == Speaker::User).map(|l| l.text.as_str())
    }

    /// The journey as a ticket's or a chat's context: what a person helping should know.
    pub fn context(&self, page_url: Option<String>, locale: &str) -> TicketContext {
        TicketContext {
            searches: self.searches.clone(),
            articles_read: self.articles_read.clone(),
            bot_transcript: self.transcript.clone(),
            page_url: page_url.map(|url| url.chars().take(limits::URL).collect()),
            locale: Some(locale.to_string()),
            triage: self.triage.clone(),
            callback: None,
        }
    }
}

/// Keeps the newest `max` entries.
fn push_bounded<T>(list: &mut Vec<T>, item: T, max: usize) {
    list.push(item);
    if list.len() > max {
        list.remove(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_a_query_records_one_search() {
        let mut journey = Journey::default();
        for prefix in ["自", "自动", "自动续", "自动续费"] {
            journey.record_search(prefix);
        }
        journey.record_search("自动续"); // a backspace keeps the longer query
        journey.record_search("退款");
        assert_eq!(journey.searches, ["自动续费", "退款"]);
    }

    #[test]
    fn blank_searches_are_ignored_and_lists_stay_bounded() {
        let mut journey = Journey::default();
        journey.record_search("   ");
        assert!(journey.searches.is_empty());
        for n in 0..(limits::SEARCHES + 5) {
            journey.record_search(&format!("q{n}x"));
        }
        assert_eq!(journey.searches.len(), limits::SEARCHES);
        assert_eq!(journey.searches.last().unwrap(), &format!("q{}x", limits::SEARCHES + 4));
    }

    #[test]
    fn reopening_the_same_article_is_one_read() {
        let mut journey = Journey::default();
        journey.record_article("1");
        journey.record_article("1");
        journey.record_article("2");
        assert_eq!(journey.articles_read, ["1", "2"]);
    }

    #[test]
    fn transcript_keeps_speakers_and_cuts_long_lines() {
        let mut journey = Journey::default();
        journey.record_line(Speaker::Bot, "hi");
        journey.record_line(Speaker::User, &"字".repeat(3000));
        assert_eq!(journey.first_user_line().unwrap().chars().count(), limits::TRANSCRIPT_LINE);
        assert_eq!(journey.transcript[0].speaker, Speaker::Bot);
    }

    #[test]
    fn triage_reasons_are_kept_once() {
        let mut journey = Journey::default();
        journey.record_triage([TriageReason::MoneyLost, TriageReason::Anger]);
        journey.record_triage([TriageReason::MoneyLost]);
        assert_eq!(journey.triage, [TriageReason::MoneyLost, TriageReason::Anger]);
    }

    #[test]
    fn the_context_carries_the_journey_within_the_limits() {
        let mut journey = Journey::default();
        journey.record_search("自动续费");
        journey.record_article("1001");
        journey.record_line(Speaker::User, "扣了两次");
        journey.record_triage([TriageReason::MoneyLost]);
        let context = journey.context(Some("x".repeat(limits::URL + 10)), "zh-cn");
        assert_eq!(context.searches, ["自动续费"]);
        assert_eq!(context.articles_read, ["1001"]);
        assert_eq!(context.bot_transcript, [TranscriptLine { speaker: Speaker::User, text: "扣了两次".into() }]);
        assert_eq!(context.page_url.unwrap().chars().count(), limits::URL);
        assert_eq!((context.locale.as_deref(), context.triage, context.callback), (Some("zh-cn"), vec![TriageReason::MoneyLost], None));
    }
}
