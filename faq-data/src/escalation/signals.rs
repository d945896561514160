//! What a message's writing says about the writer, as numbers in 0..=1 a model can weigh. Each
//! signal is a property of how people write when they are upset, lost something or are in a
//! hurry — none is a phrase taken from a labelled query. The cue reasons the editors' lists find
//! come first, so the model can weigh each list against the rest. A message's length was a
//! signal until the out-of-fold eval showed it cost more than it gained (the project's own
//! upset messages are longer than its calm ones, which says how they were written, not how
//! people write): cues-or-model F1 0.771 with it, 0.805 without.

use crate::normalize::{fold_char, is_cjk, is_word_char};
use crate::triage::{triage, Cues, Reason};

/// The signals, in [`Signals::values`] order; the names a report prints.
pub const NAMES: [&str; 20] = [
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
    "upset_words",
    "repeated_attempts",
    "money_and_loss",
    "account_takeover",
    "leave_or_complain",
    "hurry",
    "calm",
];

/// The reason a person is shown when writing signal `signal` (its place in [`NAMES`]) is what
/// tipped the model: the same reasons the cue lists give, so the console explains both alike.
/// Length and calm never tip it towards a person.
pub fn reason_of(signal: usize) -> Option<Reason> {
    match *NAMES.get(signal)? {
        "shouting" | "capitals" | "stretched" | "blame" | "question_burst" | "upset_words" => Some(Reason::Anger),
        "time_lost" | "repeated_attempts" => Some(Reason::RepeatedFailure),
        "amount" | "money_and_loss" => Some(Reason::MoneyLost),
        "account_takeover" => Some(Reason::AccountStolen),
        "leave_or_complain" => Some(Reason::ComplaintThreat),
        "hurry" => Some(Reason::Urgent),
        name => Reason::ALL.into_iter().find(|r| name.strip_prefix("cue:") == Some(r.name())),
    }
}

/// One message's signals.
#[derive(Debug, Clone, PartialEq)]
pub struct Signals {
    pub values: [f32; NAMES.len()],
}

impl Signals {
    pub fn of(text: &str, cues: &Cues) -> Signals {
        let found = triage(text, cues);
        let mut signals = Signals::writing(text);
        for (slot, reason) in Reason::ALL.iter().enumerate() {
            signals.values[slot] = flag(found.reasons.contains(reason));
        }
        signals
    }

    /// The signals of how the message is written, the cue reasons left at 0.
    pub fn writing(text: &str) -> Signals {
        let chars: Vec<char> = text.chars().collect();
        let lower: Vec<char> = text.chars().map(fold_char).collect();
        let mut values = [0.0; NAMES.len()];
        let at = Reason::ALL.len();
        values[at] = flag(runs(&chars, |c| c == '!' || c == '！') >= 2 || count(&chars, |c| c == '!' || c == '！') >= 3);
        values[at + 1] = flag(shouted_word(text));
        values[at + 2] = flag(stretched(&chars));
        values[at + 3] = flag(time_lost(&chars) || !found_at(&lower, words::SPAN_OF_TIME).is_empty());
        values[at + 4] = flag(amount(&chars));
        values[at + 5] = flag(!found_at(&lower, words::BLAME).is_empty());
        values[at + 6] = flag(runs(&chars, |c| c == '?' || c == '？') >= 2);
        values[at + 7] = flag(!affirmed(&lower, words::UPSET).is_empty());
        values[at + 8] = flag(!found_at(&lower, words::AGAIN).is_empty());
        values[at + 9] = flag(near(&lower, words::MONEY, words::LOSS) || (amount(&chars) && !affirmed(&lower, words::LOSS).is_empty()));
        values[at + 10] = flag(near(&lower, words::ACCOUNT, words::TAKEOVER) || !affirmed(&lower, words::SCAM).is_empty());
        values[at + 11] = flag(!found_at(&lower, words::LEAVE).is_empty());
        values[at + 12] = flag(!affirmed(&lower, words::HURRY).is_empty());
        values[at + 13] = flag(!found_at(&lower, words::CALM).is_empty());
        Signals { values }
    }
}

/// Where (char positions) any of `words` occurs in `text` (lower-case): Chinese words
/// anywhere, Latin words and phrases as whole words only.
fn found_at(text: &[char], words: &str) -> Vec<usize> {
    let mut at = Vec::new();
    for word in words.split('|') {
        let w: Vec<char> = word.chars().collect();
        let latin = !w.iter().any(|&c| is_cjk(c));
        for start in 0..text.len().saturating_sub(w.len() - 1) {
            if text[start..].starts_with(&w) {
                let edge = |i: Option<&char>| i.is_none_or(|c| !is_word_char(*c));
                if !latin || (edge(start.checked_sub(1).and_then(|i| text.get(i))) && edge(text.get(start + w.len()))) {
                    at.push(start);
                }
            }
        }
    }
    at
}

/// Like [`found_at`], without the places a negation comes just before ("not angry", "不急",
/// "没有被盗"): those say the opposite. Only for feelings and hurry; a negation before "again"
/// or "for days" (没一直, not for days) is too rare to be worth the mistakes.
fn affirmed(text: &[char], words: &str) -> Vec<usize> {
    found_at(text, words).into_iter().filter(|&at| !negated(text, at)).collect()
}

fn negated(text: &[char], at: usize) -> bool {
    let before: String = text[at.saturating_sub(12)..at].iter().collect();
    // 不急, 不着急, 没有被盗, 别担心: a negating character one or two before the word.
    if text[at.saturating_sub(2)..at].iter().any(|c| "不没别无未".contains(*c)) {
        return true;
    }
    let latin: Vec<&str> = before.split(|c: char| !is_word_char(c) && c != '\'').filter(|w| !w.is_empty()).collect();
    latin.iter().rev().take(2).any(|w| ["not", "no", "never", "nothing", "isn't", "wasn't", "don't", "doesn't", "didn't", "aren't"].contains(w))
}

/// A word of `first` and one of `second` within a few words of each other, the second not
/// negated (账号没有被盗).
fn near(text: &[char], first: &str, second: &str) -> bool {
    const WINDOW: usize = 24;
    let a = found_at(text, first);
    let b = affirmed(text, second);
    a.iter().any(|&x| b.iter().any(|&y| x.abs_diff(y) <= WINDOW))
}

/// Words for the signals above, `|` between them (one string each: a list of `&str` would cost
/// the browser a pointer table): how people say they are upset, tried again, lost money, lost
/// their account, will leave or complain, are in a hurry, or are not — in general, not any
/// help center's topics.
mod words {
    pub const UPSET: &str = concat!(
        "angry|upset|annoyed|furious|mad|frustrated|frustrating|ridiculous|terrible|",
        "awful|horrible|worst|useless|unacceptable|outrageous|disappointed|disgusted|",
        "pathetic|joke|hate|sick of|fed up|tired of|wtf|damn|hell|crap|scam|rip off|",
        "ripoff|nightmare|insane|气死|生气|愤怒|恼火|火大|烦死|烦人|崩溃|无语|离谱|过分|恶心|垃圾|差劲|太差|坑|骗|失望|受够|",
        "受不了|凭什么|搞什么|什么鬼|有病|妈的",
    );
    pub const AGAIN: &str = concat!(
        "again|still|keeps|keep|kept|every time|each time|tried|retried|retry|",
        "multiple times|several times|many times|so many times|over and over|repeatedly|",
        "countless|no matter what|又|还是|一直|反复|总是|老是|每次|试了|试过|几次|多次|好几|重试|重装|无数|依然|仍然|始终|",
        "死活",
    );
    pub const SPAN_OF_TIME: &str = concat!(
        "for days|for weeks|for hours|for ages|all day|since yesterday|since last|",
        "so long|forever|still waiting|a week|a month|好几天|半天|一整天|整整|这么久|很久|多久了|到现在|至今|",
        "几天了|一周了|一个月了",
    );
    pub const MONEY: &str = concat!(
        "charge|charged|charges|charging|paid|pay|payment|money|bill|billed|card|refund|",
        "deducted|debited|subscription fee|fee|price|purchase|bought|扣|钱|付|费|充值|充了|退款|买了|",
        "订阅|余额|账单|信用卡|银行卡|支付",
    );
    pub const LOSS: &str = concat!(
        "twice|double|two times|again|without|never|didn't get|did not get|not get|",
        "no access|unauthorized|unauthorised|didn't authorize|didn't order|wrong|extra|",
        "lost|missing|stolen|never received|not received|still no|no refund|",
        "don't recognize|unknown|两次|重复|多扣|多收|没到账|没收到|没有收到|莫名|没开通|没有开通|不见|白|乱扣|偷偷|没有同意|",
        "没同意|不认识|没了|少了|还没|不退",
    );
    pub const ACCOUNT: &str = concat!(
        "account|password|login|log in|email|phone number|profile|账号|帐号|账户|密码|号|手机号|邮箱|",
        "登录",
    );
    pub const TAKEOVER: &str = concat!(
        "hacked|stolen|someone else|somebody|not me|wasn't me|changed my password|",
        "changed the password|locked out|taken over|strange device|unknown device|",
        "unknown login|被盗|盗号|盗用|被黑|被改|被人|别人|不是我|陌生|异地|换绑|被冒用",
    );
    pub const SCAM: &str = "scam|scammer|fraud|phishing|诈骗|骗子|被骗|冒充|假客服";
    pub const LEAVE: &str = concat!(
        "complain|complaint|report you|lawyer|sue|court|regulator|consumer|review|",
        "bad review|cancel everything|never use|switch to|leaving|uninstall|unsubscribe|",
        "go to the media|chargeback|投诉|举报|律师|起诉|法院|消协|12315|曝光|差评|卸载|再也不|换别|不用了|媒体",
    );
    pub const HURRY: &str = concat!(
        "urgent|urgently|asap|immediately|right now|right away|emergency|hurry|quickly|",
        "at once|急|马上|立刻|立即|赶紧|尽快|快点|紧急",
    );
    pub const BLAME: &str = concat!(
        "you guys|you people|your app|your company|your service|your support|your fault|",
        "你们|贵公司|你们家|平台",
    );
    /// Saying there is no hurry or no problem: weighs against escalating.
    pub const CALM: &str = concat!(
        "no rush|no hurry|not urgent|just wondering|just curious|curious|quick question|",
        "by the way|thanks|thank you|please|不急|不着急|请问|顺便问|好奇|谢谢|麻烦",
    );
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

// Units and numbers as `|`-joined lists, like `words`, and read over the message's characters
// without building strings: this file is in the widget's first download.
const CJK_DURATION: &str = "天|周|星期|个星期|礼拜|个礼拜|个月|月|小时|个小时|年";
const LATIN_DURATION: &str = "day|days|week|weeks|month|months|hour|hours|year|years";
const LATIN_NUMBER: &str = "a|one|two|three|four|five|six|seven|ten|few|several|many";
const CJK_MONEY_UNIT: &str = "元|块|美元";
const LATIN_MONEY_UNIT: &str = "dollars|dollar|usd|yuan|rmb|bucks|euros";

/// Whether `text` starts with one of `words` (`|` between them).
fn starts_with_any(text: &[char], words: &str) -> bool {
    words.split('|').any(|w| w.chars().count() <= text.len() && w.chars().zip(text).all(|(a, &b)| a == b))
}

/// Whether `word` is one of `words` (`|` between them).
fn is_one_of(word: &[char], words: &str) -> bool {
    words.split('|').any(|w| w.chars().count() == word.len() && starts_with_any(word, w))
}

/// The runs of ASCII letters and digits in `text`, in order: its Latin words and numbers.
fn latin_words(text: &[char]) -> Vec<&[char]> {
    text.split(|c| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect()
}

/// A span of time spent on the problem: a number followed by a unit, 三天, 两个星期, "5 days",
/// "two weeks" (any number: "one week" of waiting counts too).
fn time_lost(chars: &[char]) -> bool {
    let lower: Vec<char> = chars.iter().map(|&c| fold_char(c)).collect();
    let cjk = (0..chars.len()).any(|i| (chars[i].is_ascii_digit() || is_cjk_numeral(chars[i])) && starts_with_any(&chars[i + 1..], CJK_DURATION));
    let latin = latin_words(&lower).windows(2).any(|w| (w[0].iter().all(char::is_ascii_digit) || is_one_of(w[0], LATIN_NUMBER)) && is_one_of(w[1], LATIN_DURATION));
    cjk || latin
}

fn is_cjk_numeral(c: char) -> bool {
    "一二两三四五六七八九十几半".contains(c)
}

/// An amount of money: a number next to a currency sign or word (¥30, 30元, 30 块, $5, "5 dollars").
fn amount(chars: &[char]) -> bool {
    let lower: Vec<char> = chars.iter().map(|&c| fold_char(c)).collect();
    let digit_at = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
    let sign = chars.iter().enumerate().any(|(i, &c)| matches!(c, '¥' | '￥' | '$' | '€' | '£') && (digit_at(i + 1) || (i > 0 && digit_at(i - 1))));
    let unit = (0..chars.len()).any(|i| {
        let after_number = chars[i + 1..].iter().position(|c| !(c.is_ascii_digit() || *c == '.' || *c == ' ')).map_or(chars.len(), |n| i + 1 + n);
        digit_at(i) && starts_with_any(&chars[after_number..], CJK_MONEY_UNIT)
    });
    let latin = latin_words(&lower).windows(2).any(|w| w[0].iter().any(char::is_ascii_digit) && is_one_of(w[1], LATIN_MONEY_UNIT));
    sign || unit || latin
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
        assert_eq!(on("多扣 25 块"), vec!["amount", "money_and_loss"]);
        assert_eq!(on("charged ¥30"), vec!["amount"]);
        assert_eq!(on("lost 15 dollars"), vec!["amount", "money_and_loss"], "an amount beside a loss word");
        assert!(on("30 episodes").is_empty());
    }

    #[test]
    fn blame_and_cues() {
        assert_eq!(on("你们这是搞什么"), vec!["blame", "upset_words"]);
        let mut cues = Cues::default();
        cues.add(Reason::AccountStolen, "被盗");
        let signals = Signals::of("账号被盗了", &cues);
        assert_eq!(signals.values[3], 1.0);
    }

    #[test]
    fn attempts_money_takeover_threats_and_hurry_are_heard_in_general_words() {
        assert_eq!(on("tried again, same thing"), vec!["repeated_attempts"]);
        assert_eq!(on("反复试了还是这样"), vec!["repeated_attempts"]);
        assert_eq!(on("the payment went through twice"), vec!["money_and_loss"]);
        assert_eq!(on("钱付了两次"), vec!["money_and_loss"]);
        assert_eq!(on("someone else is in my account"), vec!["account_takeover"]);
        assert_eq!(on("账号被别人登了"), vec!["account_takeover"]);
        assert!(on("账号没有被盗，想改密码").is_empty());
        assert_eq!(on("I will complain to the regulator"), vec!["leave_or_complain"]);
        assert_eq!(on("再这样就卸载"), vec!["leave_or_complain"]);
        assert_eq!(on("need this right now"), vec!["hurry"]);
        assert_eq!(on("for days nothing"), vec!["time_lost"]);
    }

    #[test]
    fn a_negation_just_before_turns_a_word_off() {
        assert_eq!(on("不着急"), vec!["calm"]);
        assert!(on("not urgent").contains(&"calm"));
        assert!(!on("not urgent").contains(&"hurry"));
        assert!(!on("I'm not angry at all").contains(&"upset_words"));
        assert!(on("I'm angry").contains(&"upset_words"));
    }
}
