//! What a message's writing says about the writer, as numbers in 0..=1 a model can weigh. Each
//! signal is a property of how people write when they are upset, lost something or are in a
//! hurry — none is a phrase taken from a labelled query. The cue reasons the editors' lists find
//! come first, so the model can weigh each list against the rest.

use crate::normalize::is_cjk;
use crate::triage::{triage, Cues, Reason};

/// The signals, in [`Signals::values`] order; the names a report prints.
pub const NAMES: [&str; 14] = [
    "cue:anger",
    "cue:repeated_failure",
    "cue:money_lost",
    "cue:account_stolen",
    "cue:complaint_threat",
    "cue:urgent",
    "shouting",
    "capitals",
    "stretched",
    "time_lost",
    "amount",
    "blame",
    "question_burst",
    "length",
];

/// One message's signals.
#[derive(Debug, Clone, PartialEq)]
pub struct Signals {
    pub values: [f32; NAMES.len()],
}

impl Signals {
    pub fn of(text: &str, cues: &Cues) -> Signals {
        let found = triage(text, cues);
        let chars: Vec<char> = text.chars().collect();
        let mut values = [0.0; NAMES.len()];
        for (slot, reason) in Reason::ALL.iter().enumerate() {
            values[slot] = flag(found.reasons.contains(reason));
        }
        let at = Reason::ALL.len();
        values[at] = flag(runs(&chars, |c| c == '!' || c == '！') >= 2 || count(&chars, |c| c == '!' || c == '！') >= 3);
        values[at + 1] = flag(shouted_word(text));
        values[at + 2] = flag(stretched(&chars));
        values[at + 3] = flag(time_lost(&chars));
        values[at + 4] = flag(amount(&chars));
        values[at + 5] = flag(blame(text));
        values[at + 6] = flag(runs(&chars, |c| c == '?' || c == '？') >= 2);
        values[at + 7] = (chars.len().min(120) as f32) / 120.0;
        Signals { values }
    }
}

fn flag(on: bool) -> f32 {
    if on { 1.0 } else { 0.0 }
}

fn count(chars: &[char], of: impl Fn(char) -> bool) -> usize {
    chars.iter().filter(|&&c| of(c)).count()
}

/// The length of the longest run of characters that satisfy `of`.
fn runs(chars: &[char], of: impl Fn(char) -> bool) -> usize {
    let (mut longest, mut run) = (0, 0);
    for &c in chars {
        run = if of(c) { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// A Latin word of four letters or more written all in capitals ("WHY", an acronym like VIP or
/// APP, is too short to count).
fn shouted_word(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| w.len() >= 4 && w.chars().all(|c| c.is_ascii_uppercase()))
}

/// A letter or a Chinese character written three times or more in a row: 快快快, "sooo", "pleeease".
fn stretched(chars: &[char]) -> bool {
    chars.windows(3).any(|w| w[0] == w[1] && w[1] == w[2] && (is_cjk(w[0]) || w[0].is_alphabetic()))
}

const CJK_DURATION: &[&str] = &["天", "周", "星期", "个星期", "礼拜", "个礼拜", "个月", "月", "小时", "个小时", "年"];
const LATIN_DURATION: &[&str] = &["day", "days", "week", "weeks", "month", "months", "hour", "hours", "year", "years"];

/// A span of time spent on the problem: a number followed by a unit, 三天, 两个星期, "5 days",
/// "two weeks" (any number: "one week" of waiting counts too).
fn time_lost(chars: &[char]) -> bool {
    let text: String = chars.iter().collect::<String>().to_lowercase();
    let cjk = chars.iter().enumerate().any(|(i, &c)| {
        (c.is_ascii_digit() || is_cjk_numeral(c)) && {
            let rest: String = chars[i + 1..].iter().take(3).collect();
            CJK_DURATION.iter().any(|unit| rest.starts_with(unit))
        }
    });
    let words: Vec<&str> = text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let latin = words.windows(2).any(|w| is_latin_number(w[0]) && LATIN_DURATION.contains(&w[1]));
    cjk || latin
}

fn is_cjk_numeral(c: char) -> bool {
    "一二两三四五六七八九十几半".contains(c)
}

fn is_latin_number(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit())
        || ["a", "one", "two", "three", "four", "five", "six", "seven", "ten", "few", "several", "many"].contains(&word)
}

/// An amount of money: a number next to a currency sign or word (¥30, 30元, 30 块, $5, "5 dollars").
fn amount(chars: &[char]) -> bool {
    let text: String = chars.iter().collect::<String>().to_lowercase();
    let digit_at = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
    let sign = chars.iter().enumerate().any(|(i, &c)| matches!(c, '¥' | '￥' | '$' | '€' | '£') && (digit_at(i + 1) || (i > 0 && digit_at(i - 1))));
    let words = text.split(|c: char| c.is_whitespace()).collect::<Vec<_>>();
    let unit = chars.iter().enumerate().any(|(i, &c)| c.is_ascii_digit() && {
        let rest: String = chars[i + 1..].iter().skip_while(|c| c.is_ascii_digit() || **c == '.' || **c == ' ').take(2).collect();
        rest.starts_with('元') || rest.starts_with('块') || rest.starts_with("美元")
    });
    let latin = words.windows(2).any(|w| w[0].chars().any(|c| c.is_ascii_digit()) && ["dollars", "dollar", "usd", "yuan", "rmb", "bucks", "euros"].contains(&w[1].trim_matches(|c: char| !c.is_alphanumeric())));
    sign || unit || latin
}

/// The writer holds the company to account: 你们, "you guys", "your app".
fn blame(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.contains("你们") || ["you guys", "you people", "your app", "your company", "your service", "your support"].iter().any(|p| lower.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(text: &str) -> Vec<&'static str> {
        let signals = Signals::of(text, &Cues::default());
        NAMES.iter().zip(signals.values).filter(|(_, v)| *v == 1.0).map(|(n, _)| *n).collect()
    }

    #[test]
    fn intensity_shows_in_punctuation_capitals_and_stretched_words() {
        assert_eq!(on("why is this happening!!"), vec!["shouting"]);
        assert_eq!(on("怎么回事？？"), vec!["question_burst"]);
        assert_eq!(on("this is NEVER working"), vec!["capitals"]);
        assert!(on("my VIP APP id").is_empty(), "short acronyms are not shouting");
        assert_eq!(on("快快快处理"), vec!["stretched"]);
        assert_eq!(on("pleeease help"), vec!["stretched"]);
        assert!(on("I have 111 coins").is_empty(), "digits repeated are not stretching");
    }

    #[test]
    fn time_lost_needs_a_number_and_a_unit() {
        assert_eq!(on("等了三天了"), vec!["time_lost"]);
        assert_eq!(on("两个星期都没人管"), vec!["time_lost"]);
        assert_eq!(on("waiting for 5 days"), vec!["time_lost"]);
        assert_eq!(on("two weeks and nothing"), vec!["time_lost"]);
        assert!(on("天气不错").is_empty());
        assert!(on("days of our lives").is_empty());
    }

    #[test]
    fn an_amount_is_a_number_with_a_currency() {
        assert_eq!(on("扣了我30元"), vec!["amount"]);
        assert_eq!(on("多扣 25 块"), vec!["amount"]);
        assert_eq!(on("charged ¥30"), vec!["amount"]);
        assert_eq!(on("lost 15 dollars"), vec!["amount"]);
        assert!(on("30 episodes").is_empty());
    }

    #[test]
    fn blame_and_cues_and_length() {
        assert_eq!(on("你们怎么搞的"), vec!["blame"]);
        let mut cues = Cues::default();
        cues.add(Reason::AccountStolen, "被盗");
        let signals = Signals::of("账号被盗了", &cues);
        assert_eq!(signals.values[3], 1.0);
        assert!(signals.values[NAMES.len() - 1] > 0.0 && signals.values[NAMES.len() - 1] < 1.0);
    }
}
