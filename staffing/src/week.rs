//! The typical week: demand per department and hour from the last weeks' contacts, the agents
//! it needs under a lead's policy (with what-ifs), and the agents the shifts plan for each hour,
//! side by side — the week heatmap of needed against planned.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::erlang::{agents_needed, Load, Policy};

pub const HOURS_IN_WEEK: usize = 7 * 24;
const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;
const WEEK_MS: i64 = 7 * DAY_MS;
/// 1970-01-01, day 0 of the Unix epoch, was a Thursday: day 3 of a week that starts on Monday.
const EPOCH_WEEKDAY: i64 = 3;

/// One contact that reached a department (a chat, a ticket, a callback, a mail).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    pub department: String,
    /// When it arrived, in milliseconds since the Unix epoch.
    pub arrived_ms: i64,
    /// How long agents worked on it; `None` if nobody did (the user left the line): it is still
    /// demand, but says nothing of handle time.
    pub handle_secs: Option<u32>,
}

/// One department's demand in one hour of the typical week.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HourDemand {
    pub department: String,
    /// Hour of the week, local time: 0 is Monday 00:00–01:00, 167 is Sunday 23:00–24:00.
    pub hour: u8,
    pub load: Load,
}

/// What-ifs on the measured demand.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct WhatIf {
    /// Arrivals times this (1.2: 20 % more contacts).
    pub growth: f64,
    /// Handle times times this (0.9: agents 10 % quicker).
    pub handle_factor: f64,
}

impl Default for WhatIf {
    fn default() -> WhatIf {
        WhatIf { growth: 1.0, handle_factor: 1.0 }
    }
}

/// Needed and planned agents of one department in one hour of the week.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HourStaffing {
    pub department: String,
    pub hour: u8,
    pub needed: u32,
    /// Agents the shifts put there, counting part of an hour as that part (a shift from 9:30
    /// counts 0.5 for 9–10).
    pub planned: f64,
}

/// A shift in the week template: an agent working for a department on a weekday (0 = Monday)
/// from `start_minute` to `end_minute` after midnight, local time. An end at or before the
/// start runs past midnight into the next day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Shift {
    pub agent_id: String,
    pub department: String,
    pub weekday: u8,
    pub start_minute: u16,
    pub end_minute: u16,
}

/// The hour of the week `at_ms` falls in, `utc_offset_minutes` east of UTC.
fn hour_of_week(at_ms: i64, utc_offset_minutes: i32) -> usize {
    let local = at_ms + utc_offset_minutes as i64 * 60_000;
    let weekday = (local.div_euclid(DAY_MS) + EPOCH_WEEKDAY).rem_euclid(7);
    (weekday * 24 + local.rem_euclid(DAY_MS) / HOUR_MS) as usize
}

/// The typical week of every department that had contacts in the `weeks` weeks before
/// `until_ms`: per hour, the mean arrivals in that hour of those weeks, and the mean handle time
/// of that hour's handled contacts (of all the department's, when that hour has none).
pub fn typical_week(contacts: &[Contact], until_ms: i64, weeks: u32, utc_offset_minutes: i32) -> Vec<HourDemand> {
    let weeks = weeks.max(1);
    let since = until_ms - weeks as i64 * WEEK_MS;
    struct Tally {
        arrivals: Vec<u32>,
        handled: Vec<(f64, u32)>,
    }
    let mut by_department: BTreeMap<&str, Tally> = BTreeMap::new();
    for contact in contacts.iter().filter(|c| (since..until_ms).contains(&c.arrived_ms)) {
        let tally = by_department
            .entry(&contact.department)
            .or_insert_with(|| Tally { arrivals: vec![0; HOURS_IN_WEEK], handled: vec![(0.0, 0); HOURS_IN_WEEK] });
        let hour = hour_of_week(contact.arrived_ms, utc_offset_minutes);
        tally.arrivals[hour] += 1;
        if let Some(secs) = contact.handle_secs {
            tally.handled[hour].0 += secs as f64;
            tally.handled[hour].1 += 1;
        }
    }
    let mut week = Vec::with_capacity(by_department.len() * HOURS_IN_WEEK);
    for (department, tally) in by_department {
        let (sum, count) = tally.handled.iter().fold((0.0, 0), |(s, n), (hs, hn)| (s + hs, n + hn));
        let overall = if count > 0 { sum / count as f64 } else { 0.0 };
        for hour in 0..HOURS_IN_WEEK {
            let (hour_sum, hour_count) = tally.handled[hour];
            let handle_secs = if hour_count > 0 { hour_sum / hour_count as f64 } else { overall };
            let arrivals_per_hour = tally.arrivals[hour] as f64 / weeks as f64;
            week.push(HourDemand { department: department.to_string(), hour: hour as u8, load: Load { arrivals_per_hour, handle_secs } });
        }
    }
    week
}

/// The typical week with every one of `departments` in it: a department without contacts gets a
/// quiet week (no arrivals), so its plan still shows beside a forecast of nothing.
pub fn with_departments(mut week: Vec<HourDemand>, departments: &[String]) -> Vec<HourDemand> {
    for department in departments {
        if !week.iter().any(|h| &h.department == department) {
            week.extend((0..HOURS_IN_WEEK).map(|hour| HourDemand { department: department.clone(), hour: hour as u8, load: Load { arrivals_per_hour: 0.0, handle_secs: 0.0 } }));
        }
    }
    week
}

/// Agents each shift template puts in each department and hour of the week.
pub fn planned_hours(shifts: &[Shift]) -> BTreeMap<(String, u8), f64> {
    let mut planned: BTreeMap<(String, u8), f64> = BTreeMap::new();
    for shift in shifts {
        let start = (shift.weekday as usize % 7) * 24 * 60 + shift.start_minute.min(24 * 60) as usize;
        let mut length = shift.end_minute as isize - shift.start_minute as isize;
        if length <= 0 {
            length += 24 * 60;
        }
        for minute in start..start + length as usize {
            let hour = (minute / 60) % HOURS_IN_WEEK;
            *planned.entry((shift.department.clone(), hour as u8)).or_default() += 1.0 / 60.0;
        }
    }
    planned
}

/// For each department and hour of the typical week: the agents the (what-if) demand needs
/// under `policy`, and the agents the shifts plan.
pub fn staffing_week(demand: &[HourDemand], shifts: &[Shift], policy: &Policy, what_if: &WhatIf) -> Vec<HourStaffing> {
    staffing_week_by(demand, shifts, what_if, |_, load| agents_needed(load, policy))
}

/// [`staffing_week`] with the agents a department's (what-if) load needs said by `needed`, for
/// a line whose model differs by department (Erlang A where users' patience is measured).
pub fn staffing_week_by(demand: &[HourDemand], shifts: &[Shift], what_if: &WhatIf, needed: impl Fn(&str, &Load) -> u32) -> Vec<HourStaffing> {
    let planned = planned_hours(shifts);
    demand
        .iter()
        .map(|hour| {
            let load = Load {
                arrivals_per_hour: hour.load.arrivals_per_hour * what_if.growth.max(0.0),
                handle_secs: hour.load.handle_secs * what_if.handle_factor.max(0.0),
            };
            let planned = planned.get(&(hour.department.clone(), hour.hour)).copied().unwrap_or(0.0);
            HourStaffing { department: hour.department.clone(), hour: hour.hour, needed: needed(&hour.department, &load), planned: (planned * 100.0).round() / 100.0 }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::erlang::Target;

    /// Monday 2026-11-30 00:00 UTC, in ms.
    const MONDAY: i64 = 1_795_996_800_000;

    fn contact(department: &str, at_ms: i64, handle_secs: Option<u32>) -> Contact {
        Contact { department: department.into(), arrived_ms: at_ms, handle_secs }
    }

    #[test]
    fn hours_of_the_week_start_on_monday_in_local_time() {
        assert_eq!(hour_of_week(MONDAY, 0), 0);
        assert_eq!(hour_of_week(MONDAY + 9 * HOUR_MS + 59 * 60_000, 0), 9);
        assert_eq!(hour_of_week(MONDAY - 1, 0), 167, "Sunday 23:59 closes the week");
        // 01:00 UTC on Monday is 09:00 in Beijing (UTC+8).
        assert_eq!(hour_of_week(MONDAY + HOUR_MS, 8 * 60), 9);
        assert_eq!(hour_of_week(0, 0), 3 * 24, "the epoch was a Thursday");
    }

    #[test]
    fn the_typical_week_averages_arrivals_over_the_weeks_and_handle_times_over_the_handled() {
        let until = MONDAY + 2 * WEEK_MS;
        let ten_am = |week: i64| MONDAY + week * WEEK_MS + 10 * HOUR_MS;
        let contacts = vec![
            contact("billing", ten_am(0), Some(300)),
            contact("billing", ten_am(0) + 60_000, Some(500)),
            contact("billing", ten_am(1), None),
            contact("billing", ten_am(1) + 3 * HOUR_MS, Some(100)),
            contact("billing", ten_am(-1), Some(9_999)), // before the window
            contact("security", ten_am(1), Some(60)),
        ];
        let week = typical_week(&contacts, until, 2, 0);
        assert_eq!(week.len(), 2 * HOURS_IN_WEEK);
        let at = |department: &str, hour: u8| week.iter().find(|h| h.department == department && h.hour == hour).unwrap().load;
        assert_eq!(at("billing", 10), Load { arrivals_per_hour: 1.5, handle_secs: 400.0 });
        assert_eq!(at("billing", 13), Load { arrivals_per_hour: 0.5, handle_secs: 100.0 });
        // An hour with no handled contact borrows the department's mean: (300 + 500 + 100) / 3.
        assert_eq!(at("billing", 40), Load { arrivals_per_hour: 0.0, handle_secs: 300.0 });
        assert_eq!(at("security", 10).arrivals_per_hour, 0.5);
    }

    #[test]
    fn departments_without_contacts_get_a_quiet_week() {
        let week = typical_week(&[contact("billing", MONDAY, Some(60))], MONDAY + WEEK_MS, 1, 0);
        let all = with_departments(week, &["billing".to_string(), "security".to_string()]);
        assert_eq!(all.len(), 2 * HOURS_IN_WEEK);
        assert!(all.iter().filter(|h| h.department == "security").all(|h| h.load.arrivals_per_hour == 0.0));
        assert_eq!(all.iter().filter(|h| h.department == "billing").map(|h| h.load.arrivals_per_hour).sum::<f64>(), 1.0);
    }

    #[test]
    fn shifts_count_the_part_of_each_hour_they_cover_and_may_run_past_midnight() {
        let shift = |weekday, start, end| Shift { agent_id: "a".into(), department: "billing".into(), weekday, start_minute: start, end_minute: end };
        let planned = planned_hours(&[shift(0, 9 * 60 + 30, 17 * 60), shift(0, 9 * 60, 10 * 60), shift(6, 22 * 60, 2 * 60)]);
        let at = |hour: u8| (planned.get(&("billing".to_string(), hour)).copied().unwrap_or(0.0) * 1000.0).round() / 1000.0;
        assert_eq!((at(8), at(9), at(10), at(16), at(17)), (0.0, 1.5, 1.0, 1.0, 0.0));
        // Sunday 22:00 to Monday 02:00 wraps into the week's first hours.
        assert_eq!((at(166), at(167), at(0), at(1), at(2)), (1.0, 1.0, 1.0, 1.0, 0.0));
    }

    #[test]
    fn needed_follows_demand_and_the_what_ifs_and_sits_beside_the_plan() {
        let demand = vec![
            HourDemand { department: "billing".into(), hour: 10, load: Load { arrivals_per_hour: 200.0, handle_secs: 180.0 } },
            HourDemand { department: "billing".into(), hour: 3, load: Load { arrivals_per_hour: 0.0, handle_secs: 180.0 } },
        ];
        let shifts = vec![Shift { agent_id: "a".into(), department: "billing".into(), weekday: 0, start_minute: 600, end_minute: 660 }];
        let policy = Policy { target: Target { within_secs: 20.0, share: 0.8 }, max_occupancy: 1.0, concurrency: 1 };
        let today = staffing_week(&demand, &shifts, &policy, &WhatIf::default());
        assert_eq!((today[0].needed, today[0].planned), (14, 1.0));
        assert_eq!((today[1].needed, today[1].planned), (0, 0.0));
        let busier = staffing_week(&demand, &shifts, &policy, &WhatIf { growth: 1.5, handle_factor: 1.0 });
        let quicker = staffing_week(&demand, &shifts, &policy, &WhatIf { growth: 1.0, handle_factor: 0.5 });
        assert!(busier[0].needed > 14 && quicker[0].needed < 14);
    }
}
