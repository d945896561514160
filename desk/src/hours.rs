//! When live chat is staffed. Outside these hours a user asking for a human is offered a ticket
//! or the hotline at once, instead of joining a line nobody will serve.

use serde::Deserialize;

use crate::{Millis, DAY};

/// A daily window in the site's time zone, e.g. 09:00–24:00 at UTC+8. `close` before `open`
/// means the window runs past midnight (22:00–06:00).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ChatHours {
    /// Minutes east of UTC (480 for China Standard Time).
    pub utc_offset_minutes: i32,
    /// `HH:MM`, 00:00 to 24:00.
    pub open: String,
    pub close: String,
}

impl ChatHours {
    /// Whether `now` (ms since the epoch) falls inside the window. Unreadable times count as
    /// closed, so a typo never promises an agent who is not there; the config check catches it.
    pub fn is_open(&self, now: Millis) -> bool {
        let (Some(open), Some(close)) = (minutes(&self.open), minutes(&self.close)) else { return false };
        let local = (now + i64::from(self.utc_offset_minutes) * 60_000).rem_euclid(DAY);
        let minute = (local / 60_000) as u32;
        if open <= close {
            (open..close).contains(&minute)
        } else {
            minute >= open || minute < close
        }
    }

    /// Both times read as `HH:MM` within a day.
    pub fn check(&self) -> Result<(), String> {
        for time in [&self.open, &self.close] {
            minutes(time).ok_or_else(|| format!("chat hours: {time} is not HH:MM between 00:00 and 24:00"))?;
        }
        Ok(())
    }
}

/// Minutes after midnight of `HH:MM`; 24:00 is the end of the day.
fn minutes(time: &str) -> Option<u32> {
    let (h, m) = time.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    let total = h * 60 + m;
    (m < 60 && total <= 24 * 60).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::HOUR;

    fn hours(open: &str, close: &str) -> ChatHours {
        ChatHours { utc_offset_minutes: 480, open: open.into(), close: close.into() }
    }

    /// 2026-03-02 00:00 UTC is 08:00 in UTC+8.
    const MIDNIGHT_UTC: Millis = 1_772_409_600_000;

    #[test]
    fn the_window_is_read_in_the_sites_time_zone() {
        let day = hours("09:00", "24:00");
        assert!(!day.is_open(MIDNIGHT_UTC), "08:00 local is before opening");
        assert!(day.is_open(MIDNIGHT_UTC + HOUR), "09:00 local opens");
        assert!(day.is_open(MIDNIGHT_UTC + 15 * HOUR + 59 * 60_000), "23:59 local is still open");
        assert!(!day.is_open(MIDNIGHT_UTC + 16 * HOUR), "24:00 local closes");
    }

    #[test]
    fn a_window_past_midnight_wraps() {
        let night = hours("22:00", "06:00");
        assert!(night.is_open(MIDNIGHT_UTC - 9 * HOUR), "23:00 local");
        assert!(night.is_open(MIDNIGHT_UTC - 3 * HOUR), "05:00 local");
        assert!(!night.is_open(MIDNIGHT_UTC), "08:00 local");
    }

    #[test]
    fn unreadable_times_are_closed_and_fail_the_check() {
        let typo = hours("9h", "24:00");
        assert!(!typo.is_open(MIDNIGHT_UTC + 5 * HOUR));
        assert!(typo.check().is_err());
        assert!(hours("00:00", "24:60").check().is_err());
        assert!(hours("00:00", "24:00").check().is_ok());
    }
}
