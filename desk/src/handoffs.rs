//! The cases lost between departments, in numbers: from each case's transfers, how often it was
//! handed on and how long each department held it; from its linked tasks, which departments let
//! them pass their due time. The edge reads the rows; this folds them.

use std::collections::BTreeMap;

use wire::analytics::DepartmentTime;

use crate::analytics::median;
use crate::{Millis, HOUR};

/// The histogram's last bucket holds this many handoffs or more.
pub const MANY_HANDOFFS: usize = 3;

/// A case as its department changes tell it.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseTrail {
    pub opened_at: Millis,
    /// The department it holds now (the last transfer's destination, or where it was filed).
    pub department: String,
    /// Its transfers in order: when, from where, to where.
    pub transfers: Vec<(Millis, String, String)>,
    /// When it was solved or closed (not if reopened since).
    pub ended_at: Option<Millis>,
}

impl CaseTrail {
    /// Each stay: the department, and how long it held the case (until handed on, ended, or `now`).
    fn stays(&self, now: Millis) -> Vec<(&str, Millis)> {
        let first = self.transfers.first().map_or(self.department.as_str(), |(_, from, _)| from.as_str());
        let end = self.ended_at.unwrap_or(now);
        let mut stays = Vec::with_capacity(self.transfers.len() + 1);
        let (mut at, mut holder) = (self.opened_at, first);
        for (moved_at, _, to) in &self.transfers {
            stays.push((holder, (moved_at.min(&end) - at).max(0)));
            (at, holder) = (*moved_at, to.as_str());
        }
        stays.push((holder, (end - at).max(0)));
        stays
    }
}

/// A linked task asked of a department: when it was due, and when it was answered or cancelled.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskTimes {
    pub department: String,
    pub due_at: Millis,
    pub closed_at: Option<Millis>,
}

impl TaskTimes {
    fn overdue(&self, now: Millis) -> bool {
        self.closed_at.unwrap_or(now) > self.due_at
    }
}

/// What [`report`] folds the rows into (the wire's report less its range).
#[derive(Debug, Clone, PartialEq)]
pub struct Handoffs {
    pub cases: u32,
    /// Cases handed on 0, 1, 2 and [`MANY_HANDOFFS`] or more times.
    pub handoffs: Vec<u32>,
    pub handoffs_mean: Option<f64>,
    pub departments: Vec<DepartmentTime>,
}

/// `cases` and the `tasks` asked on them, seen by someone who sees the departments `seen` allows:
/// a case counts if any department that held it is seen, a department's row only if it is.
pub fn report(cases: &[CaseTrail], tasks: &[TaskTimes], now: Millis, seen: impl Fn(&str) -> bool) -> Handoffs {
    let mut histogram = vec![0u32; MANY_HANDOFFS + 1];
    let mut counted = 0u32;
    let mut moves = 0usize;
    let mut held: BTreeMap<&str, (u32, Vec<Millis>)> = BTreeMap::new();
    for case in cases {
        let stays = case.stays(now);
        if !stays.iter().any(|(d, _)| seen(d)) {
            continue;
        }
        counted += 1;
        moves += case.transfers.len();
        histogram[case.transfers.len().min(MANY_HANDOFFS)] += 1;
        let mut once: Vec<&str> = Vec::new();
        for (department, spent) in stays.into_iter().filter(|(d, _)| seen(d)) {
            let entry = held.entry(department).or_default();
            entry.1.push(spent);
            if !once.contains(&department) {
                once.push(department);
                entry.0 += 1;
            }
        }
    }
    // A department asked tasks on these cases shows its overdue ones even if it never held one.
    let mut asked: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for task in tasks.iter().filter(|t| seen(&t.department)) {
        let entry = asked.entry(task.department.as_str()).or_default();
        entry.0 += 1;
        entry.1 += u32::from(task.overdue(now));
        held.entry(task.department.as_str()).or_default();
    }
    let hours = |ms: Millis| ms as f64 / HOUR as f64;
    let mut departments: Vec<DepartmentTime> = held
        .into_iter()
        .map(|(department, (cases, spans))| {
            let (tasks, tasks_overdue) = asked.get(department).copied().unwrap_or_default();
            DepartmentTime { department: department.to_string(), cases, hours: hours(spans.iter().sum()), median_hours: median(spans).map(hours), tasks, tasks_overdue }
        })
        .collect();
    departments.sort_by(|a, b| b.hours.total_cmp(&a.hours).then_with(|| a.department.cmp(&b.department)));
    Handoffs { cases: counted, handoffs: histogram, handoffs_mean: (counted > 0).then(|| moves as f64 / f64::from(counted)), departments }
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: Millis = HOUR;

    fn case(opened_at: Millis, department: &str, transfers: &[(Millis, &str, &str)], ended_at: Option<Millis>) -> CaseTrail {
        CaseTrail {
            opened_at,
            department: department.to_string(),
            transfers: transfers.iter().map(|(at, from, to)| (*at, from.to_string(), to.to_string())).collect(),
            ended_at,
        }
    }

    fn task(department: &str, due_at: Millis, closed_at: Option<Millis>) -> TaskTimes {
        TaskTimes { department: department.to_string(), due_at, closed_at }
    }

    fn row<'a>(h: &'a Handoffs, department: &str) -> &'a DepartmentTime {
        h.departments.iter().find(|d| d.department == department).unwrap()
    }

    #[test]
    fn each_department_holds_a_case_from_its_arrival_until_it_is_handed_on_or_ends() {
        // Filed to general, moved to security after 2 h, to billing after 5 h more, solved 1 h later.
        let lost = case(0, "billing", &[(2 * H, "general", "security"), (7 * H, "security", "billing")], Some(8 * H));
        let h = report(&[lost], &[], 100 * H, |_| true);
        assert_eq!((h.cases, h.handoffs.clone(), h.handoffs_mean), (1, vec![0, 0, 1, 0], Some(2.0)));
        assert_eq!(row(&h, "general").hours, 2.0);
        assert_eq!(row(&h, "security").hours, 5.0);
        assert_eq!(row(&h, "billing").hours, 1.0);
        assert_eq!(h.departments[0].department, "security", "most time first");
    }

    #[test]
    fn an_open_case_is_held_until_now_and_one_never_moved_stays_where_it_was_filed() {
        let open = case(0, "general", &[], None);
        let h = report(&[open], &[], 3 * H, |_| true);
        assert_eq!((h.handoffs.clone(), row(&h, "general").hours, row(&h, "general").cases), (vec![1, 0, 0, 0], 3.0, 1));
    }

    #[test]
    fn a_case_back_in_a_department_counts_once_there_with_both_stays() {
        let ping_pong = case(0, "general", &[(H, "general", "billing"), (2 * H, "billing", "general"), (3 * H, "general", "billing"), (4 * H, "billing", "general")], Some(6 * H));
        let h = report(&[ping_pong], &[], 10 * H, |_| true);
        assert_eq!(h.handoffs, vec![0, 0, 0, 1], "four handoffs count as three or more");
        let general = row(&h, "general");
        assert_eq!((general.cases, general.hours, general.median_hours), (1, 4.0, Some(1.0)));
        assert_eq!((row(&h, "billing").cases, row(&h, "billing").hours), (1, 2.0));
    }

    #[test]
    fn tasks_past_their_due_time_count_against_the_department_asked() {
        let cases = [case(0, "security", &[], None)];
        let tasks = [task("billing", 4 * H, Some(5 * H)), task("billing", 4 * H, Some(3 * H)), task("billing", 8 * H, None), task("security", H, None)];
        let h = report(&cases, &tasks, 6 * H, |_| true);
        let billing = row(&h, "billing");
        assert_eq!((billing.cases, billing.tasks, billing.tasks_overdue), (0, 3, 1), "late, on time, not due yet");
        assert_eq!((row(&h, "security").tasks, row(&h, "security").tasks_overdue), (1, 1));
    }

    #[test]
    fn a_scoped_reader_sees_the_cases_that_touched_their_departments_and_only_their_rows() {
        let cases = [case(0, "billing", &[(H, "general", "billing")], Some(2 * H)), case(0, "general", &[], Some(H))];
        let tasks = [task("security", 0, None)];
        let h = report(&cases, &tasks, 5 * H, |d| d == "billing");
        assert_eq!(h.cases, 1);
        assert_eq!(h.departments.iter().map(|d| d.department.as_str()).collect::<Vec<_>>(), ["billing"]);
        let none = report(&[], &[], 0, |_| true);
        assert_eq!((none.cases, none.handoffs_mean, none.departments.len()), (0, None, 0));
    }
}
