//! What the user did before asking for a person: searches, articles read, the bot
//! conversation. It goes with every ticket and chat so nobody has to repeat themselves. Bounds
//! match the edge's `TicketContext` (edge/openapi.yaml).

pub const MAX_SEARCHES: usize = 20;
pub const MAX_ARTICLES: usize = 50;
pub const MAX_TRANSCRIPT: usize = 50;
const MAX_QUERY_CHARS: usize = 200;
const MAX_LINE_CHARS: usize = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speaker {
    User,
    Bot,
}

impl Speaker {
    pub fn as_str(self) -> &'static str {
        match self {
            Speaker::User => "user",
            Speaker::Bot => "bot",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Journey {
    pub searches: Vec<String>,
    pub articles_read: Vec<String>,
    pub transcript: Vec<(Speaker, String)>,
    /// Escalation reasons the bot found (faq-data's triage names), for the ticket's priority.
    pub triage: Vec<&'static str>,
}

impl Journey {
    /// Records a search. Search-as-you-type sends every prefix: a query that extends (or trims)
    /// the last one replaces it, so `自`, `自动`, `自动续费` is one search.
    pub fn record_search(&mut self, query: &str) {
        let query: String = query.trim().chars().take(MAX_QUERY_CHARS).collect();
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
        push_bounded(&mut self.searches, query, MAX_SEARCHES);
    }

    pub fn record_article(&mut self, id: &str) {
        if self.articles_read.last().map(String::as_str) != Some(id) {
            push_bounded(&mut self.articles_read, id.to_string(), MAX_ARTICLES);
        }
    }

    pub fn record_line(&mut self, speaker: Speaker, text: &str) {
        let line = text.chars().take(MAX_LINE_CHARS).collect();
        push_bounded(&mut self.transcript, (speaker, line), MAX_TRANSCRIPT);
    }

    pub fn record_triage(&mut self, reasons: impl IntoIterator<Item = &'static str>) {
        for reason in reasons {
            if !self.triage.contains(&reason) {
                self.triage.push(reason);
            }
        }
    }

    /// The user's first words to the bot: a good ticket description to start from.
    pub fn first_user_line(&self) -> Option<&str> {
        self.transcript.iter().find(|(s, _)| *s == Speaker::User).map(|(_, t)| t.as_str())
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
        for n in 0..(MAX_SEARCHES + 5) {
            journey.record_search(&format!("q{n}x"));
        }
        assert_eq!(journey.searches.len(), MAX_SEARCHES);
        assert_eq!(journey.searches.last().unwrap(), &format!("q{}x", MAX_SEARCHES + 4));
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
        assert_eq!(journey.first_user_line().unwrap().chars().count(), MAX_LINE_CHARS);
        assert_eq!(journey.transcript[0].0.as_str(), "bot");
    }

    #[test]
    fn triage_reasons_are_kept_once() {
        let mut journey = Journey::default();
        journey.record_triage(["money_lost", "anger"]);
        journey.record_triage(["money_lost"]);
        assert_eq!(journey.triage, ["money_lost", "anger"]);
    }
}
