//! Who else is here: the agents who have a case open, and which of them are writing on it, so
//! two agents do not answer the same user. Each open case screen is a [`Visit`]; an agent's
//! typing is a mark that lapses a few seconds after their last keystroke report, so a composer
//! left alone (or a tab gone without a word) stops showing "replying" on its own.
//!
//! Who may be on a case at all is the team's rules' (`desk::task::reach`): the edge admits a
//! visit only for someone who reaches the case, and these rules only say what each visitor is
//! shown of the others.

use serde::{Deserialize, Serialize};
use wire::chat::{Activity, Onlooker, TYPING_LASTS_MS};

use crate::Millis;

/// One agent's case screen, open now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    pub agent_id: String,
    pub name: String,
    /// Until when the agent counts as replying; `None` once the mark lapsed or was taken off.
    pub typing_until: Option<Millis>,
}

impl Visit {
    pub fn new(agent_id: &str, name: &str) -> Visit {
        Visit { agent_id: agent_id.to_string(), name: name.to_string(), typing_until: None }
    }

    pub fn replying(&self, now: Millis) -> bool {
        self.typing_until.is_some_and(|until| until > now)
    }

    /// A typing report from the agent's console: `on` extends the mark to [`TYPING_LASTS_MS`]
    /// from now, off takes it away. Says whether others see a change (replying started or
    /// stopped), which is when the desk tells them.
    pub fn typing(&mut self, on: bool, now: Millis) -> bool {
        let was = self.replying(now);
        self.typing_until = on.then_some(now + TYPING_LASTS_MS);
        was != on
    }

    /// Takes off a mark whose time has passed; says whether one did (others must be told).
    pub fn lapse(&mut self, now: Millis) -> bool {
        if self.typing_until.is_some_and(|until| until <= now) {
            self.typing_until = None;
            return true;
        }
        false
    }
}

/// What `viewer` is shown of a case's visits: everyone else, one line per person (replying if
/// any of their tabs is), by name. The viewer's own other tabs are not "someone else".
pub fn others(visits: &[Visit], viewer: &str, now: Millis) -> Vec<Onlooker> {
    let mut shown: Vec<Onlooker> = Vec::new();
    for visit in visits.iter().filter(|v| v.agent_id != viewer) {
        let activity = if visit.replying(now) { Activity::Replying } else { Activity::Viewing };
        match shown.iter_mut().find(|o| o.agent_id == visit.agent_id) {
            Some(seen) if activity == Activity::Replying => seen.activity = activity,
            Some(_) => {}
            None => shown.push(Onlooker { agent_id: visit.agent_id.clone(), name: visit.name.clone(), activity }),
        }
    }
    shown.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.agent_id.cmp(&b.agent_id)));
    shown
}

/// When the next typing mark lapses, for the desk's alarm; `None` when nobody is replying.
pub fn next_lapse<'a>(visits: impl IntoIterator<Item = &'a Visit>) -> Option<Millis> {
    visits.into_iter().filter_map(|v| v.typing_until).min()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visit(id: &str, name: &str) -> Visit {
        Visit::new(id, name)
    }

    fn shown(visits: &[Visit], viewer: &str, now: Millis) -> Vec<(String, Activity)> {
        others(visits, viewer, now).into_iter().map(|o| (o.name, o.activity)).collect()
    }

    #[test]
    fn each_agent_sees_the_others_on_the_case_but_not_themselves() {
        let visits = [visit("a", "Ada"), visit("b", "Bo"), visit("c", "Cy")];
        assert_eq!(shown(&visits, "b", 0), vec![("Ada".into(), Activity::Viewing), ("Cy".into(), Activity::Viewing)]);
        assert_eq!(shown(&visits[..1], "a", 0), vec![], "alone on the case: nobody else is here");
    }

    #[test]
    fn typing_shows_replying_until_it_lapses() {
        let mut bo = visit("b", "Bo");
        assert!(bo.typing(true, 1_000), "starting to type is news");
        assert!(!bo.typing(true, 2_000), "more keystrokes only extend the mark");
        let visits = [visit("a", "Ada"), bo.clone()];
        assert_eq!(shown(&visits, "a", 2_000 + TYPING_LASTS_MS - 1), vec![("Bo".into(), Activity::Replying)]);
        assert_eq!(shown(&visits, "a", 2_000 + TYPING_LASTS_MS), vec![("Bo".into(), Activity::Viewing)], "shown as viewing once the mark lapsed");
        assert!(!bo.lapse(2_000 + TYPING_LASTS_MS - 1));
        assert!(bo.lapse(2_000 + TYPING_LASTS_MS), "the lapse is news for the others");
        assert_eq!(bo.typing_until, None);
        assert!(!bo.lapse(10_000_000), "a lapse is told once");
    }

    #[test]
    fn typing_off_stops_at_once_and_is_news_only_when_it_was_on() {
        let mut bo = visit("b", "Bo");
        assert!(!bo.typing(false, 0), "not typing, and still not");
        bo.typing(true, 0);
        assert!(bo.typing(false, 10), "sent or cleared the draft");
        assert!(!bo.replying(10));
        bo.typing(true, 0);
        assert!(bo.typing(true, TYPING_LASTS_MS + 5), "typing again after a lapse the alarm had not yet cleared is news");
    }

    #[test]
    fn an_agent_in_two_tabs_is_one_line_replying_if_either_tab_is() {
        let mut typing_tab = visit("b", "Bo");
        typing_tab.typing(true, 0);
        let visits = [visit("b", "Bo"), typing_tab, visit("a", "Ada")];
        assert_eq!(shown(&visits, "a", 1), vec![("Bo".into(), Activity::Replying)]);
        assert_eq!(shown(&visits, "b", 1), vec![("Ada".into(), Activity::Viewing)], "one's own other tab is not someone else");
    }

    #[test]
    fn the_next_lapse_is_the_earliest_mark() {
        let (mut a, mut b) = (visit("a", "Ada"), visit("b", "Bo"));
        assert_eq!(next_lapse([&a, &b]), None);
        a.typing(true, 5_000);
        b.typing(true, 1_000);
        assert_eq!(next_lapse([&a, &b]), Some(1_000 + TYPING_LASTS_MS));
    }

    #[test]
    fn same_names_are_told_apart_and_ordered_stably() {
        let visits = [visit("z", "Li"), visit("y", "Li"), visit("x", "Ada")];
        let ids: Vec<String> = others(&visits, "q", 0).into_iter().map(|o| o.agent_id).collect();
        assert_eq!(ids, ["x", "y", "z"]);
    }
}
