//! Here are two versions of an article, tell me what changed: each field an editor writes that
//! differs, as lines kept, removed and added (a longest common subsequence of lines, after the
//! common start and end are set aside). Plain Rust with no runtime: the console shows a
//! version's history and a conflict's two versions with it.
//!
//! ```
//! use article_diff::{lines, Change};
//! let diff = lines("one\ntwo\nthree", "one\n2\nthree");
//! let changes: Vec<_> = diff.iter().map(|l| (l.change, l.text.as_str())).collect();
//! assert_eq!(changes, [(Change::Same, "one"), (Change::Removed, "two"), (Change::Added, "2"), (Change::Same, "three")]);
//! ```

use wire::kb::{ArticleDraft, BodyFormat};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Same,
    Removed,
    Added,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub change: Change,
    pub text: String,
}

/// The fields of an article draft, in the editor's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Title,
    Questions,
    Keywords,
    Body,
    Format,
    Section,
    Promoted,
    Translation,
}

/// One field that differs, with its lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldDiff {
    pub field: Field,
    pub lines: Vec<Line>,
}

/// Past this many cells of the comparison table, the middle of two texts counts as wholly
/// replaced (a body is at most a few hundred lines; this keeps a pathological one cheap).
const MAX_CELLS: usize = 4_000_000;

/// `old` → `new` line by line.
pub fn lines(old: &str, new: &str) -> Vec<Line> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let end = a[start..].iter().rev().zip(b[start..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (mid_a, mid_b) = (&a[start..a.len() - end], &b[start..b.len() - end]);
    let line = |change, text: &str| Line { change, text: text.to_string() };
    let mut out: Vec<Line> = a[..start].iter().map(|t| line(Change::Same, t)).collect();
    if mid_a.len().saturating_mul(mid_b.len()) > MAX_CELLS {
        out.extend(mid_a.iter().map(|t| line(Change::Removed, t)));
        out.extend(mid_b.iter().map(|t| line(Change::Added, t)));
    } else {
        out.extend(middle(mid_a, mid_b).into_iter().map(|(change, t)| line(change, t)));
    }
    out.extend(a[a.len() - end..].iter().map(|t| line(Change::Same, t)));
    out
}

/// The longest common subsequence's walk: `suffix[i][j]` is the LCS length of `a[i..]`, `b[j..]`;
/// removals come before additions where both could go.
fn middle<'t>(a: &[&'t str], b: &[&'t str]) -> Vec<(Change, &'t str)> {
    let width = b.len() + 1;
    let mut suffix = vec![0u32; (a.len() + 1) * width];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            suffix[i * width + j] = if a[i] == b[j] { suffix[(i + 1) * width + j + 1] + 1 } else { suffix[(i + 1) * width + j].max(suffix[i * width + j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::with_capacity(a.len() + b.len()));
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push((Change::Same, a[i]));
            i += 1;
            j += 1;
        } else if j == b.len() || (i < a.len() && suffix[(i + 1) * width + j] >= suffix[i * width + j + 1]) {
            out.push((Change::Removed, a[i]));
            i += 1;
        } else {
            out.push((Change::Added, b[j]));
            j += 1;
        }
    }
    out
}

/// Every field that differs between two versions of an article, in the editor's order.
pub fn article(old: &ArticleDraft, new: &ArticleDraft) -> Vec<FieldDiff> {
    let format = |f: BodyFormat| match f {
        BodyFormat::Markdown => "markdown",
        BodyFormat::Html => "html",
    };
    let fields = [
        (Field::Title, old.title.clone(), new.title.clone()),
        (Field::Questions, old.questions.join("\n"), new.questions.join("\n")),
        (Field::Keywords, old.keywords.join("\n"), new.keywords.join("\n")),
        (Field::Body, old.body.clone(), new.body.clone()),
        (Field::Format, format(old.format).into(), format(new.format).into()),
        (Field::Section, old.section_id.clone(), new.section_id.clone()),
        (Field::Promoted, old.promoted.to_string(), new.promoted.to_string()),
        (Field::Translation, old.translation_of.clone().unwrap_or_default(), new.translation_of.clone().unwrap_or_default()),
    ];
    fields.into_iter().filter(|(_, a, b)| a != b).map(|(field, a, b)| FieldDiff { field, lines: lines(&a, &b) }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(diff: &[Line], change: Change) -> Vec<&str> {
        diff.iter().filter(|l| l.change == change).map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn unchanged_text_is_all_kept() {
        let diff = lines("a\nb", "a\nb");
        assert!(diff.iter().all(|l| l.change == Change::Same) && diff.len() == 2);
        assert!(lines("", "").is_empty());
    }

    #[test]
    fn a_moved_line_is_one_removal_and_one_addition() {
        let diff = lines("a\nb\nc\nd", "b\nc\na\nd");
        assert_eq!(texts(&diff, Change::Removed), ["a"]);
        assert_eq!(texts(&diff, Change::Added), ["a"]);
        assert_eq!(texts(&diff, Change::Same), ["b", "c", "d"]);
    }

    #[test]
    fn reading_the_diff_back_gives_both_texts() {
        let (old, new) = ("x\n1\n2\n3\ny\nz", "x\n2\n3\n4\nz\nw");
        let diff = lines(old, new);
        let side = |skip: Change| diff.iter().filter(|l| l.change != skip).map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n");
        assert_eq!(side(Change::Added), old);
        assert_eq!(side(Change::Removed), new);
        assert_eq!(texts(&diff, Change::Same), ["x", "2", "3", "z"], "the longest common run is kept");
    }

    #[test]
    fn a_huge_middle_is_replaced_whole() {
        let old: String = (0..2_100).map(|i| format!("a{i}\n")).collect();
        let new: String = (0..2_100).map(|i| format!("b{i}\n")).collect();
        let diff = lines(&format!("top\n{old}end"), &format!("top\n{new}end"));
        assert_eq!(diff.len(), 4_202);
        assert_eq!((diff[0].change, diff[4_201].change), (Change::Same, Change::Same));
    }

    #[test]
    fn only_the_fields_that_differ_are_listed() {
        let old = ArticleDraft {
            title: "Cancel".into(),
            questions: vec!["stop".into()],
            keywords: vec![],
            body: "Open **Me**\nthen VIP".into(),
            format: BodyFormat::Markdown,
            section_id: "10".into(),
            promoted: false,
            translation_of: None,
        };
        let new = ArticleDraft { body: "Open **Me**\nthen Settings".into(), promoted: true, ..old.clone() };
        let diff = article(&old, &new);
        assert_eq!(diff.iter().map(|d| d.field).collect::<Vec<_>>(), [Field::Body, Field::Promoted]);
        assert_eq!(texts(&diff[0].lines, Change::Added), ["then Settings"]);
        assert!(article(&old, &old).is_empty());
    }
}
