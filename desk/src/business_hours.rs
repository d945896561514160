//! Business hours for SLA clocks: a weekly pattern of open windows in the site's time zone (a
//! fixed UTC offset: the sites we serve keep no daylight saving time), minus a list of holidays.
//! A site that pauses its SLA clocks outside business hours gives a ticket its targets in open
//! time: an 8-hour first response filed on Friday evening is due on Monday.

use serde::{Deserialize, Serialize};

use crate::analytics::days_from_text;
use crate::{Millis, DAY};

/// 1970-01-01 (day 0) was a Thursday: day 3 of a week that starts on Monday.
const EPOCH_WEEKDAY: i64 = 3;

/// The weekday (0 = Monday) of `day`, counted in days since the epoch.
pub fn weekday_of(day: i64) -> u8 {
    (day + EPOCH_WEEKDAY).rem_euclid(7) as u8
}
/// How far ahead a due time is looked for. A pattern with no open time in this long (everything
/// a holiday) falls back to calendar time, so a ticket is never due "never".
const HORIZON_DAYS: i64 = 400;

/// An open window starting on `weekday` (0 = Monday) at `start_minute` after local midnight,
/// ending at `end_minute`; an end at or before the start runs past midnight.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub weekday: u8,
    pub start_minute: u16,
    pub end_minute: u16,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessHours {
    /// Minutes east of UTC (480 for China Standard Time).
    pub utc_offset_minutes: i32,
    pub windows: Vec<Window>,
    /// `YYYY-MM-DD` local dates on which no window opens.
    pub holidays: Vec<String>,
}

impl BusinessHours {
    /// The instant `duration` of open time after `start`; calendar time when the pattern has no
    /// open time at all.
    pub fn add(&self, start: Millis, duration: Millis) -> Millis {
        let offset = i64::from(self.utc_offset_minutes) * 60_000;
        let local_start = start + offset;
        let first_day = local_start.div_euclid(DAY) - 1;
        let holidays: Vec<i64> = self.holidays.iter().filter_map(|d| days_from_text(d)).collect();
        let mut remaining = duration.max(0);
        let mut cursor = local_start;
        for day in first_day..first_day + HORIZON_DAYS {
            for (open, close) in self.open_on(day, &holidays) {
                if close <= cursor {
                    continue;
                }
                let from = open.max(cursor);
                if close - from >= remaining {
                    return from + remaining - offset;
                }
                remaining -= close - from;
                cursor = close;
            }
        }
        start + duration
    }

    /// Whether `at` falls in open time.
    pub fn is_open(&self, at: Millis) -> bool {
        let local = at + i64::from(self.utc_offset_minutes) * 60_000;
        let holidays: Vec<i64> = self.holidays.iter().filter_map(|d| days_from_text(d)).collect();
        let today = local.div_euclid(DAY);
        (today - 1..=today).any(|day| self.open_on(day, &holidays).iter().any(|(open, close)| (*open..*close).contains(&local)))
    }

    /// The windows that open on local day `day` (days since the epoch), as local instants, in
    /// order; none on a holiday.
    fn open_on(&self, day: i64, holidays: &[i64]) -> Vec<(Millis, Millis)> {
        if holidays.contains(&day) {
            return Vec::new();
        }
        let weekday = weekday_of(day);
        let mut open: Vec<(Millis, Millis)> = self
            .windows
            .iter()
            .filter(|w| w.weekday == weekday)
            .map(|w| {
                let (start, end) = (i64::from(w.start_minute.min(1440)), i64::from(w.end_minute.min(1440)));
                let end = if end <= start { end + 1440 } else { end };
                (day * DAY + start * 60_000, day * DAY + end * 60_000)
            })
            .collect();
        open.sort_unstable();
        open
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::HOUR;

    /// Monday 2026-11-30 00:00 in UTC+8, as a UTC instant.
    const MONDAY: Millis = 1_795_996_800_000 - 8 * HOUR;

    fn weekdays_nine_to_six() -> BusinessHours {
        let windows = (0..5).map(|weekday| Window { weekday, start_minute: 9 * 60, end_minute: 18 * 60 }).collect();
        BusinessHours { utc_offset_minutes: 480, windows, holidays: Vec::new() }
    }

    #[test]
    fn time_inside_the_window_runs_like_the_clock() {
        let hours = weekdays_nine_to_six();
        assert_eq!(hours.add(MONDAY + 10 * HOUR, 4 * HOUR), MONDAY + 14 * HOUR);
        assert!(hours.is_open(MONDAY + 9 * HOUR) && !hours.is_open(MONDAY + 18 * HOUR));
    }

    #[test]
    fn the_clock_waits_for_opening_and_pauses_overnight() {
        let hours = weekdays_nine_to_six();
        // Filed at 07:00: the clock starts at 09:00.
        assert_eq!(hours.add(MONDAY + 7 * HOUR, HOUR), MONDAY + 10 * HOUR);
        // Filed at 16:00 with 4 hours: 2 today, 2 tomorrow from 09:00.
        assert_eq!(hours.add(MONDAY + 16 * HOUR, 4 * HOUR), MONDAY + DAY + 11 * HOUR);
    }

    #[test]
    fn weekends_and_holidays_are_skipped() {
        let mut hours = weekdays_nine_to_six();
        let friday = MONDAY + 4 * DAY;
        // Friday 17:00 + 8 hours: 1 on Friday, 7 on Monday.
        assert_eq!(hours.add(friday + 17 * HOUR, 8 * HOUR), MONDAY + 7 * DAY + 16 * HOUR);
        // With the next Monday a holiday, the rest falls on Tuesday.
        hours.holidays.push("2026-12-07".into());
        assert_eq!(hours.add(friday + 17 * HOUR, 8 * HOUR), MONDAY + 8 * DAY + 16 * HOUR);
        assert!(!hours.is_open(MONDAY + 7 * DAY + 10 * HOUR));
    }

    #[test]
    fn the_offset_is_the_sites_and_windows_may_pass_midnight() {
        // Night shift Monday 22:00–06:00, UTC+8: Monday 23:00 local + 3 hours is Tuesday 02:00.
        let night = BusinessHours { utc_offset_minutes: 480, windows: vec![Window { weekday: 0, start_minute: 22 * 60, end_minute: 6 * 60 }], holidays: Vec::new() };
        assert_eq!(night.add(MONDAY + 23 * HOUR, 3 * HOUR), MONDAY + DAY + 2 * HOUR);
        assert!(night.is_open(MONDAY + DAY + 5 * HOUR) && !night.is_open(MONDAY + DAY + 6 * HOUR));
        // The same pattern at UTC+0 opens eight hours later in UTC.
        let utc = BusinessHours { utc_offset_minutes: 0, ..night.clone() };
        assert_eq!(utc.add(MONDAY, HOUR), MONDAY + 8 * HOUR + 22 * HOUR + HOUR);
    }

    #[test]
    fn no_open_time_at_all_falls_back_to_the_calendar() {
        assert_eq!(BusinessHours::default().add(MONDAY, HOUR), MONDAY + HOUR);
        let one_holiday = BusinessHours { holidays: vec!["2026-11-30".into()], windows: vec![Window { weekday: 0, start_minute: 0, end_minute: 1440 }], utc_offset_minutes: 480 };
        // Every other Monday is open: the one holiday only moves the clock a week.
        assert_eq!(one_holiday.add(MONDAY + HOUR, HOUR), MONDAY + 7 * DAY + HOUR);
    }
}
