//! When a composer tells the desk its agent is typing (edge/PROTOCOL.md, "Who else is here"):
//! at most every [`TYPING_REPORT_MS`] while keys are pressed, so a fast typist sends a frame
//! every two seconds rather than one per key, and once `off` when the draft is sent or emptied.

use wire::chat::TYPING_REPORT_MS;

#[derive(Default)]
pub struct TypingReports {
    /// When `on` was last reported (ms); `None` when the desk was last told nothing or `off`.
    last_on: Option<f64>,
}

impl TypingReports {
    /// A keystroke at `now`: whether to report `on`.
    pub fn keystroke(&mut self, now: f64) -> bool {
        if self.last_on.is_some_and(|at| now - at < TYPING_REPORT_MS as f64) {
            return false;
        }
        self.last_on = Some(now);
        true
    }

    /// The draft was sent or emptied: whether to report `off` (only after an `on`).
    pub fn stopped(&mut self) -> bool {
        self.last_on.take().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keystrokes_are_reported_at_most_every_two_seconds() {
        let mut reports = TypingReports::default();
        let sent: Vec<f64> = (0..50).map(|i| i as f64 * 100.0).filter(|&at| reports.keystroke(at)).collect();
        assert_eq!(sent, [0.0, 2000.0, 4000.0]);
    }

    #[test]
    fn off_is_reported_once_and_only_after_on() {
        let mut reports = TypingReports::default();
        assert!(!reports.stopped(), "nothing typed, nothing to take back");
        reports.keystroke(0.0);
        assert!(reports.stopped());
        assert!(!reports.stopped());
        assert!(reports.keystroke(10.0), "typing again right after sending is news");
    }
}
