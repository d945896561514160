//! Numbers for support leads: which UTC day an event counts for, which day ranges a report may
//! span, and the medians and rates the report shows.

use wire::analytics::EventBatch;

use crate::{DeskError, Millis, DAY, HOUR};

/// The longest report, in days.
pub const MAX_DAYS: i64 = 92;
/// How old an event may be when it arrives: the widget's outbox keeps events while offline,
/// but not for longer than this in any report anyone still reads.
pub const EVENT_MAX_AGE: Millis = 30 * DAY;
/// How far ahead of the server's clock an event may claim to be: a device clock a little fast.
pub const EVENT_MAX_AHEAD: Millis = HOUR;

/// Checks that every event happened in the window the reports count: not more than
/// [`EVENT_MAX_AGE`] ago, not more than [`EVENT_MAX_AHEAD`] from now. An event from 1970 or next
/// year would otherwise land in a day nobody looks at, or skew the day someone does.
pub fn event_times(batch: &EventBatch, now: Millis) -> Result<(), DeskError> {
    for (i, event) in batch.events.iter().enumerate() {
        if event.at < now - EVENT_MAX_AGE || event.at > now + EVENT_MAX_AHEAD {
            let message = format!("must be a time (ms since the epoch) from at most {} days ago to at most {} minutes ahead", EVENT_MAX_AGE / DAY, EVENT_MAX_AHEAD / 60_000);
            return Err(DeskError::invalid(&format!("events.{i}.at"), message));
        }
    }
    Ok(())
}

/// `YYYY-MM-DD` of a UTC instant.
pub fn day_of(at: Millis) -> String {
    let (y, m, d) = civil_from_days(at.div_euclid(DAY));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Checks a `from`..=`to` report range (real dates, in order, at most [`MAX_DAYS`] long) and
/// gives its bounds as instants: the start of `from`, the end of `to` (exclusive).
pub fn day_range(from: &str, to: &str) -> Result<(Millis, Millis), DeskError> {
    let start = days_from_text(from).ok_or_else(|| DeskError::invalid("from", "must be a date YYYY-MM-DD"))?;
    let end = days_from_text(to).ok_or_else(|| DeskError::invalid("to", "must be a date YYYY-MM-DD"))?;
    if end < start {
        return Err(DeskError::invalid("to", "must not be before from"));
    }
    if end - start >= MAX_DAYS {
        return Err(DeskError::invalid("to", format!("a report spans at most {MAX_DAYS} days")));
    }
    Ok((start * DAY, (end + 1) * DAY))
}

/// The midpoint of some durations (the lower middle for an even count).
pub fn median(mut values: Vec<i64>) -> Option<i64> {
    values.sort_unstable();
    values.get(values.len().saturating_sub(1) / 2).copied()
}

/// part / (part + rest), or none when both are zero.
pub fn rate(part: u32, rest: u32) -> Option<f64> {
    let total = part + rest;
    (total > 0).then(|| f64::from(part) / f64::from(total))
}

/// Days since 1970-01-01 of a real date `YYYY-MM-DD`.
pub fn days_from_text(text: &str) -> Option<i64> {
    let mut parts = text.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if text.len() != 10 || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i64, i64, i64) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let days = days_from_civil(y, m, d);
    // Round-tripping rejects 2026-02-30 and friends.
    (civil_from_days(days) == (y, m, d)).then_some(days)
}

// Howard Hinnant's civil-date algorithms (days since 1970-01-01, proleptic Gregorian).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_must_fall_in_the_window_reports_count() {
        let now = 1_772_323_200_000;
        let batch = |ats: &[Millis]| -> EventBatch {
            let events: Vec<_> = ats.iter().map(|at| serde_json::json!({"at": at, "locale": "zh-cn", "type": "deflected", "article": "a"})).collect();
            serde_json::from_value(serde_json::json!({ "events": events })).unwrap()
        };
        assert!(event_times(&batch(&[now, now - EVENT_MAX_AGE, now + EVENT_MAX_AHEAD]), now).is_ok());
        let field = |ats: &[Millis]| match event_times(&batch(ats), now) {
            Err(DeskError::Invalid { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field(&[now, now + EVENT_MAX_AHEAD + 1]), "events.1.at");
        assert_eq!(field(&[now - EVENT_MAX_AGE - 1]), "events.0.at");
        assert_eq!(field(&[0]), "events.0.at");
        assert_eq!(field(&[i64::MAX]), "events.0.at");
    }

    #[test]
    fn days_are_utc_dates() {
        assert_eq!(day_of(0), "1970-01-01");
        assert_eq!(day_of(1_772_323_200_000), "2026-03-01");
        assert_eq!(day_of(1_772_323_200_000 - 1), "2026-02-28");
        assert_eq!(day_of(951_782_400_000), "2000-02-29");
    }

    #[test]
    fn ranges_must_be_real_ordered_and_bounded() {
        assert_eq!(day_range("1970-01-02", "1970-01-02"), Ok((DAY, 2 * DAY)));
        assert!(day_range("2026-11-01", "2026-11-30").is_ok());
        assert!(day_range("2026-02-30", "2026-03-01").is_err());
        assert!(day_range("2026-11-30", "2026-11-01").is_err());
        assert!(day_range("2026-1-01", "2026-11-01").is_err());
        assert!(day_range("2026-01-01", "2026-04-02").is_ok());
        assert!(day_range("2026-01-01", "2026-04-03").is_err());
    }

    #[test]
    fn medians_and_rates() {
        assert_eq!(median(vec![30, 10, 20]), Some(20));
        assert_eq!(median(vec![40, 10, 30, 20]), Some(20));
        assert_eq!(median(Vec::new()), None);
        assert_eq!(rate(3, 1), Some(0.75));
        assert_eq!(rate(0, 0), None);
    }
}
