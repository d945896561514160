//! The plan a lead keeps: each agent's week template of shifts, and dated exceptions (a day off,
//! other hours on one date, a holiday for everyone). From it: who is on duty at an instant (so
//! chat is offered only while someone is planned for the department), and each department's
//! business hours for SLA clocks.

use desk::analytics::days_from_text;
use desk::business_hours::{weekday_of, BusinessHours, Window};
use serde::{Deserialize, Serialize};

use crate::week::Shift;

const DAY_MS: i64 = desk::DAY;

/// Hours worked on one date instead of the template's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Work {
    pub department: String,
    pub start_minute: u16,
    pub end_minute: u16,
}

/// A dated exception to the template. For an agent: on `date` they work `work` (none: a day
/// off) instead of their template; several exceptions of one agent and date add up. For
/// everyone (`agent_id` none): a holiday, nobody works but who has an exception of their own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exception {
    /// `YYYY-MM-DD`, the site's local date.
    pub date: String,
    pub agent_id: Option<String>,
    pub work: Option<Work>,
}

/// Why a plan cannot be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanError {
    pub field: &'static str,
    pub message: String,
}

fn refuse(field: &'static str, message: impl Into<String>) -> PlanError {
    PlanError { field, message: message.into() }
}

/// Checks one agent's plan before it is stored: every shift in a department of theirs, on a
/// weekday 0–6, within a day's minutes and not empty; every exception on a real date.
pub fn check(shifts: &[Shift], exceptions: &[Exception], departments: &[String]) -> Result<(), PlanError> {
    for shift in shifts {
        if shift.weekday > 6 {
            return Err(refuse("shifts", format!("weekday {} is not 0 (Monday) to 6 (Sunday)", shift.weekday)));
        }
        check_hours(&shift.department, shift.start_minute, shift.end_minute, departments, "shifts")?;
    }
    for exception in exceptions {
        if days_from_text(&exception.date).is_none() {
            return Err(refuse("exceptions", format!("{:?} is not a date YYYY-MM-DD", exception.date)));
        }
        if let Some(work) = &exception.work {
            check_hours(&work.department, work.start_minute, work.end_minute, departments, "exceptions")?;
        }
    }
    Ok(())
}

fn check_hours(department: &str, start: u16, end: u16, departments: &[String], field: &'static str) -> Result<(), PlanError> {
    if !departments.iter().any(|d| d == department) {
        return Err(refuse(field, format!("{department} is not a department this agent works")));
    }
    if start >= 1440 || end > 1440 || start == end {
        return Err(refuse(field, format!("{start}–{end} is not a span of minutes within a day")));
    }
    Ok(())
}

/// The shifts that start on local day `day` (days since the epoch), as (agent, department,
/// start, end) with the template's weekday rule and the exceptions applied.
fn shifts_on<'a>(shifts: &'a [Shift], exceptions: &'a [Exception], day: i64) -> Vec<(&'a str, &'a str, u16, u16)> {
    let on_day: Vec<&Exception> = exceptions.iter().filter(|e| days_from_text(&e.date) == Some(day)).collect();
    let holiday = on_day.iter().any(|e| e.agent_id.is_none());
    let weekday = weekday_of(day);
    let excepted = |agent: &str| on_day.iter().any(|e| e.agent_id.as_deref() == Some(agent));
    let template = shifts
        .iter()
        .filter(|s| !holiday && s.weekday == weekday && !excepted(&s.agent_id))
        .map(|s| (s.agent_id.as_str(), s.department.as_str(), s.start_minute, s.end_minute));
    let dated = on_day
        .iter()
        .filter_map(|e| Some((e.agent_id.as_deref()?, e.work.as_ref()?)))
        .map(|(agent, w)| (agent, w.department.as_str(), w.start_minute, w.end_minute));
    template.chain(dated).collect()
}

/// The agents planned for `department` at `at_ms`, the site `utc_offset_minutes` east of UTC.
pub fn on_duty<'a>(shifts: &'a [Shift], exceptions: &'a [Exception], department: &str, at_ms: i64, utc_offset_minutes: i32) -> Vec<&'a str> {
    let local = at_ms + i64::from(utc_offset_minutes) * 60_000;
    let today = local.div_euclid(DAY_MS);
    let mut agents: Vec<&str> = (today - 1..=today)
        .flat_map(|day| {
            shifts_on(shifts, exceptions, day).into_iter().filter(move |(_, d, start, end)| {
                let start_ms = day * DAY_MS + i64::from(*start) * 60_000;
                let end = if end <= start { i64::from(*end) + 1440 } else { i64::from(*end) };
                *d == department && (start_ms..day * DAY_MS + end * 60_000).contains(&local)
            })
        })
        .map(|(agent, ..)| agent)
        .collect();
    agents.sort_unstable();
    agents.dedup();
    agents
}

/// A department's business hours: the weekly windows of its template shifts and the site's
/// holidays (agents' own days off leave the department open while others work).
pub fn business_hours(shifts: &[Shift], exceptions: &[Exception], department: &str, utc_offset_minutes: i32) -> BusinessHours {
    let windows = shifts
        .iter()
        .filter(|s| s.department == department)
        .map(|s| Window { weekday: s.weekday, start_minute: s.start_minute, end_minute: s.end_minute })
        .collect();
    let holidays = exceptions.iter().filter(|e| e.agent_id.is_none()).map(|e| e.date.clone()).collect();
    BusinessHours { utc_offset_minutes, windows, holidays }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Monday 2026-11-30 00:00 UTC.
    const MONDAY: i64 = 1_795_996_800_000;
    const HOUR: i64 = 3_600_000;

    fn shift(agent: &str, department: &str, weekday: u8, start: u16, end: u16) -> Shift {
        Shift { agent_id: agent.into(), department: department.into(), weekday, start_minute: start, end_minute: end }
    }

    fn template() -> Vec<Shift> {
        vec![shift("ann", "billing", 0, 9 * 60, 17 * 60), shift("bo", "billing", 0, 22 * 60, 6 * 60), shift("cy", "security", 1, 9 * 60, 17 * 60)]
    }

    #[test]
    fn the_template_puts_agents_on_duty_in_local_time_and_past_midnight() {
        let plan = template();
        assert_eq!(on_duty(&plan, &[], "billing", MONDAY + 10 * HOUR, 0), vec!["ann"]);
        assert!(on_duty(&plan, &[], "security", MONDAY + 10 * HOUR, 0).is_empty());
        assert!(on_duty(&plan, &[], "billing", MONDAY + 17 * HOUR, 0).is_empty(), "the end is exclusive");
        assert_eq!(on_duty(&plan, &[], "billing", MONDAY + DAY_MS + 5 * HOUR, 0), vec!["bo"], "Monday's night shift into Tuesday");
        // At UTC+8, 02:00 UTC is 10:00 local.
        assert_eq!(on_duty(&plan, &[], "billing", MONDAY + 2 * HOUR, 480), vec!["ann"]);
    }

    #[test]
    fn exceptions_replace_an_agents_day_and_holidays_close_everyone() {
        let plan = template();
        let off = Exception { date: "2026-11-30".into(), agent_id: Some("ann".into()), work: None };
        assert!(on_duty(&plan, std::slice::from_ref(&off), "billing", MONDAY + 10 * HOUR, 0).is_empty());
        let late = Exception { date: "2026-11-30".into(), agent_id: Some("ann".into()), work: Some(Work { department: "billing".into(), start_minute: 12 * 60, end_minute: 20 * 60 }) };
        assert!(on_duty(&plan, std::slice::from_ref(&late), "billing", MONDAY + 10 * HOUR, 0).is_empty());
        assert_eq!(on_duty(&plan, std::slice::from_ref(&late), "billing", MONDAY + 19 * HOUR, 0), vec!["ann"]);
        let holiday = Exception { date: "2026-11-30".into(), agent_id: None, work: None };
        assert!(on_duty(&plan, std::slice::from_ref(&holiday), "billing", MONDAY + 10 * HOUR, 0).is_empty());
        // Someone who works the holiday by exception is on duty.
        assert_eq!(on_duty(&plan, &[holiday, late], "billing", MONDAY + 19 * HOUR, 0), vec!["ann"]);
        // Next Monday the template holds again.
        assert_eq!(on_duty(&plan, &[off], "billing", MONDAY + 7 * DAY_MS + 10 * HOUR, 0), vec!["ann"]);
    }

    #[test]
    fn business_hours_follow_the_departments_shifts_and_the_holidays() {
        let holiday = Exception { date: "2026-12-07".into(), agent_id: None, work: None };
        let hours = business_hours(&template(), &[holiday], "billing", 0);
        assert_eq!(hours.windows.len(), 2);
        assert_eq!(hours.holidays, vec!["2026-12-07".to_string()]);
        // Monday 16:00 + 2 hours: 1 until 17:00, 1 from 22:00.
        assert_eq!(hours.add(MONDAY + 16 * HOUR, 2 * HOUR), MONDAY + 23 * HOUR);
    }

    #[test]
    fn a_plan_is_checked_before_it_is_stored() {
        let departments = vec!["billing".to_string()];
        assert!(check(&template()[..2], &[], &departments).is_ok());
        assert_eq!(check(&template(), &[], &departments).unwrap_err().field, "shifts", "security is not theirs");
        assert!(check(&[shift("a", "billing", 7, 0, 60)], &[], &departments).is_err());
        assert!(check(&[shift("a", "billing", 0, 60, 60)], &[], &departments).is_err());
        assert!(check(&[shift("a", "billing", 0, 0, 1441)], &[], &departments).is_err());
        let bad_date = Exception { date: "2026-02-30".into(), agent_id: Some("a".into()), work: None };
        assert_eq!(check(&[], &[bad_date], &departments).unwrap_err().field, "exceptions");
    }
}
