//! The Ask bot over the labelled queries, each as a first message: how often it asks a
//! clarifying question instead of answering, whether the right article's category is among the
//! choices it offers, and how well search ranks within the category the user would pick.

use faq_data::bot::{reply, Reply};
use faq_data::{Index, SearchOptions, SearchResponse};

#[derive(Default)]
pub struct BotTally {
    in_scope: usize,
    clarified: usize,
    right_choice_offered: usize,
    reciprocal_rank_after_choice: f64,
    reciprocal_rank_before: f64,
    out_of_scope: usize,
    out_of_scope_clarified: usize,
}

impl BotTally {
    /// One in-scope query: `found` is search's answer to it, `relevant` its best article.
    pub fn add(&mut self, index: &Index, query: &str, found: &SearchResponse, relevant: &str) {
        self.in_scope += 1;
        let Reply::Clarify { choices } = reply(query, found.clone(), None) else { return };
        // Natively every part is attached: an article or a search never waits.
        self.clarified += 1;
        self.reciprocal_rank_before += reciprocal_rank(found, relevant);
        let Some(category) = index.article(relevant).ok().flatten().map(|a| a.category) else { return };
        if !choices.contains(&category) {
            return;
        }
        self.right_choice_offered += 1;
        if let Ok(within) = index.search(query, &SearchOptions { limit: 10, category: Some(category) }) {
            self.reciprocal_rank_after_choice += reciprocal_rank(&within, relevant);
        }
    }

    /// One out-of-scope query: a clarifying question there only delays "not sure, ask a person".
    pub fn add_out_of_scope(&mut self, query: &str, found: &SearchResponse) {
        self.out_of_scope += 1;
        self.out_of_scope_clarified += usize::from(matches!(reply(query, found.clone(), None), Reply::Clarify { .. }));
    }

    pub fn print(&self) {
        let share = |a: f64, b: usize| if b == 0 { 0.0 } else { a / b as f64 };
        println!(
            "Ask bot: asks a clarifying question for {} of {} in-scope queries ({:.1}%); the right category is a choice in {} ({:.1}%);",
            self.clarified,
            self.in_scope,
            100.0 * share(self.clarified as f64, self.in_scope),
            self.right_choice_offered,
            100.0 * share(self.right_choice_offered as f64, self.clarified),
        );
        println!(
            "  MRR@5 of those queries: {:.3} as asked, {:.3} within the right choice",
            share(self.reciprocal_rank_before, self.clarified),
            share(self.reciprocal_rank_after_choice, self.right_choice_offered),
        );
        println!("  out of scope: asks for {} of {}", self.out_of_scope_clarified, self.out_of_scope);
    }
}

fn reciprocal_rank(found: &SearchResponse, relevant: &str) -> f64 {
    found.results.iter().take(5).position(|h| h.id == relevant).map_or(0.0, |p| 1.0 / (p + 1) as f64)
}
