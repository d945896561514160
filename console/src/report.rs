//! The analytics report (one `DayStats` per day with data) folded into what the analytics screen
//! draws: series over every day of the range (a day without data is a zero, not a gap the chart
//! closes up), and lists summed over the range. The edge sends each day's ten most
//! asked queries, so a query's total over the range counts the days it was among them.

use std::collections::HashMap;

use desk::analytics::{day_of, day_range, rate};
use wire::analytics::{AnalyticsReport, DayStats, NamedCount, QueryCount};

/// How many entries a ranked list keeps.
pub const TOP: usize = 10;

#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// Every day of the report with data, oldest first.
    pub days: Vec<String>,
    pub searches: Vec<f64>,
    pub searches_total: u32,
    pub top_queries: Vec<(String, u32)>,
    pub zero_result_queries: Vec<(String, u32)>,
    pub unsure_queries: Vec<(String, u32)>,
    /// The searches to answer: those that found nothing or left the search unsure, per locale.
    pub failing: Vec<FailingSearch>,
    pub articles: Vec<ArticleTotal>,
    pub contacts_started: u32,
    pub deflected: u32,
    /// deflected / (deflected + contacts), over the range.
    pub deflection_rate: Option<f64>,
    pub tickets_by_category: Vec<(String, u32)>,
    pub tickets_by_department: Vec<(String, u32)>,
    /// Per day, in hours; `None` for a day without a sample.
    pub first_response_hours: Vec<Option<f64>>,
    pub resolution_hours: Vec<Option<f64>>,
    /// Per day.
    pub csat: Vec<Option<f64>>,
    /// Over the range, weighted by each day's number of ratings.
    pub csat_average: Option<f64>,
    pub csat_count: u32,
}

/// A search users made that found nothing or left the search unsure, over the range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FailingSearch {
    pub query: String,
    pub locale: String,
    /// Times it found nothing, and times the search was unsure (a search can be both).
    pub zero: u32,
    pub unsure: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ArticleTotal {
    pub article: String,
    /// Its title in the knowledge base, if the edge knows it.
    pub title: Option<String>,
    pub views: u32,
    pub helpful: u32,
    pub not_helpful: u32,
    pub helpful_rate: Option<f64>,
}

const HOUR_MS: f64 = 3_600_000.0;
const DAY_MS: i64 = 86_400_000;

pub fn summarize(report: &AnalyticsReport) -> Summary {
    let days = &every_day(report);
    let hours = |ms: Option<i64>| ms.map(|ms| ms as f64 / HOUR_MS);
    let contacts_started = days.iter().map(|d| d.contacts_started).sum();
    let deflected = days.iter().map(|d| d.deflected).sum();
    let csat_count: u32 = days.iter().map(|d| d.csat_count).sum();
    let csat_sum: f64 = days.iter().filter_map(|d| Some(d.csat_average? * f64::from(d.csat_count))).sum();
    Summary {
        days: days.iter().map(|d| d.day.clone()).collect(),
        searches: days.iter().map(|d| f64::from(d.searches)).collect(),
        searches_total: days.iter().map(|d| d.searches).sum(),
        top_queries: queries(days, |d| &d.top_queries),
        zero_result_queries: queries(days, |d| &d.zero_result_queries),
        unsure_queries: queries(days, |d| &d.unsure_queries),
        failing: failing(days),
        articles: articles(days),
        contacts_started,
        deflected,
        deflection_rate: rate(deflected, contacts_started),
        tickets_by_category: named(days, |d| &d.tickets_by_category),
        tickets_by_department: named(days, |d| &d.tickets_by_department),
        first_response_hours: days.iter().map(|d| hours(d.first_response_median_ms)).collect(),
        resolution_hours: days.iter().map(|d| hours(d.resolution_median_ms)).collect(),
        csat: days.iter().map(|d| d.csat_average).collect(),
        csat_average: (csat_count > 0).then(|| csat_sum / f64::from(csat_count)),
        csat_count,
    }
}

/// The report's days with the empty ones filled in, oldest first, counted as the edge counts
/// them (desk's UTC days); as sent if the range is not one the edge would answer.
fn every_day(report: &AnalyticsReport) -> Vec<DayStats> {
    let Ok((start, end)) = day_range(&report.from, &report.to) else { return report.days.clone() };
    let mut with_data = report.days.iter().peekable();
    (0..)
        .map(|i| start + i * DAY_MS)
        .take_while(|at| *at < end)
        .map(|at| {
            let day = day_of(at);
            match with_data.peek() {
                Some(d) if d.day == day => with_data.next().cloned().unwrap_or_default(),
                _ => DayStats { day, ..DayStats::default() },
            }
        })
        .collect()
}

fn queries(days: &[DayStats], list: impl Fn(&DayStats) -> &Vec<QueryCount>) -> Vec<(String, u32)> {
    ranked(days.iter().flat_map(|d| list(d).iter().map(|q| (q.query.as_str(), q.count))), TOP)
}

fn named(days: &[DayStats], list: impl Fn(&DayStats) -> &Vec<NamedCount>) -> Vec<(String, u32)> {
    ranked(days.iter().flat_map(|d| list(d).iter().map(|n| (n.name.as_str(), n.count))), usize::MAX)
}

/// Sums counts per name; most first, then by name, at most `keep`.
fn ranked<'a>(counts: impl Iterator<Item = (&'a str, u32)>, keep: usize) -> Vec<(String, u32)> {
    let mut totals: HashMap<&str, u32> = HashMap::new();
    for (name, count) in counts {
        *totals.entry(name).or_default() += count;
    }
    let mut list: Vec<(String, u32)> = totals.into_iter().map(|(n, c)| (n.to_string(), c)).collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list.truncate(keep);
    list
}

/// The zero-result and unsure searches summed per query and locale, most failed first.
fn failing(days: &[DayStats]) -> Vec<FailingSearch> {
    let mut totals: HashMap<(&str, &str), (u32, u32)> = HashMap::new();
    for d in days {
        for q in &d.zero_result_queries {
            totals.entry((&q.query, &q.locale)).or_default().0 += q.count;
        }
        for q in &d.unsure_queries {
            totals.entry((&q.query, &q.locale)).or_default().1 += q.count;
        }
    }
    let mut list: Vec<FailingSearch> = totals.into_iter().map(|((query, locale), (zero, unsure))| FailingSearch { query: query.into(), locale: locale.into(), zero, unsure }).collect();
    list.sort_by(|a, b| (b.zero.max(b.unsure)).cmp(&a.zero.max(a.unsure)).then_with(|| a.query.cmp(&b.query)).then_with(|| a.locale.cmp(&b.locale)));
    list
}

/// Whether an article titled `title` is one an editor looking for `filter` means (any case).
pub fn title_matches(title: &str, filter: &str) -> bool {
    title.to_lowercase().contains(filter.trim().to_lowercase().as_str())
}

/// Articles with views or votes, most viewed first.
fn articles(days: &[DayStats]) -> Vec<ArticleTotal> {
    let mut totals: HashMap<&str, (u32, u32, u32, Option<&str>)> = HashMap::new();
    for a in days.iter().flat_map(|d| &d.articles) {
        let t = totals.entry(&a.article).or_default();
        (t.0, t.1, t.2) = (t.0 + a.views, t.1 + a.helpful, t.2 + a.not_helpful);
        t.3 = a.title.as_deref().or(t.3);
    }
    let mut list: Vec<ArticleTotal> = totals
        .into_iter()
        .map(|(article, (views, helpful, not_helpful, title))| ArticleTotal {
            article: article.to_string(),
            title: title.map(str::to_string),
            views,
            helpful,
            not_helpful,
            helpful_rate: rate(helpful, not_helpful),
        })
        .collect();
    list.sort_by(|a, b| b.views.cmp(&a.views).then_with(|| (b.helpful + b.not_helpful).cmp(&(a.helpful + a.not_helpful))).then_with(|| a.article.cmp(&b.article)));
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use wire::analytics::ArticleStats;

    fn q(query: &str, count: u32) -> QueryCount {
        QueryCount { query: query.into(), count, locale: "zh-cn".into() }
    }

    fn report() -> AnalyticsReport {
        let monday = DayStats {
            day: "2026-03-02".into(),
            searches: 5,
            top_queries: vec![q("退款", 3), q("密码", 2)],
            zero_result_queries: vec![q("火星", 1)],
            unsure_queries: vec![q("退款", 1)],
            articles: vec![ArticleStats { article: "a1".into(), title: Some("怎么退款".into()), views: 4, helpful: 1, not_helpful: 1, helpful_rate: Some(0.5) }],
            contacts_started: 1,
            deflected: 1,
            tickets_by_category: vec![NamedCount { name: "支付问题".into(), count: 2 }],
            tickets_by_department: vec![NamedCount { name: "billing".into(), count: 2 }],
            first_response_median_ms: Some(7_200_000),
            csat_average: Some(5.0),
            csat_count: 1,
            ..DayStats::default()
        };
        let tuesday = DayStats {
            day: "2026-03-03".into(),
            searches: 4,
            top_queries: vec![q("密码", 4)],
            zero_result_queries: vec![q("火星", 2), QueryCount { query: "mars".into(), count: 1, locale: "en-us".into() }],
            unsure_queries: vec![q("火星", 1)],
            articles: vec![
                ArticleStats { article: "a1".into(), title: None, views: 1, helpful: 1, not_helpful: 0, helpful_rate: Some(1.0) },
                ArticleStats { article: "a2".into(), title: None, views: 9, helpful: 0, not_helpful: 0, helpful_rate: None },
            ],
            contacts_started: 2,
            tickets_by_department: vec![NamedCount { name: "billing".into(), count: 1 }, NamedCount { name: "security".into(), count: 3 }],
            csat_average: Some(2.0),
            csat_count: 2,
            ..DayStats::default()
        };
        AnalyticsReport { from: "2026-03-01".into(), to: "2026-03-07".into(), days: vec![monday, tuesday] }
    }

    #[test]
    fn lists_are_summed_over_the_range_most_first() {
        let s = summarize(&report());
        assert_eq!(s.top_queries, [("密码".to_string(), 6), ("退款".to_string(), 3)]);
        assert_eq!(s.zero_result_queries, [("火星".to_string(), 3), ("mars".to_string(), 1)]);
        // A tie is broken by name.
        assert_eq!(s.tickets_by_department, [("billing".to_string(), 3), ("security".to_string(), 3)]);
        // 2026-03-01 to 2026-03-07, with data on the 2nd and the 3rd.
        assert_eq!(s.days.len(), 7);
        assert_eq!(s.searches, [0.0, 5.0, 4.0, 0.0, 0.0, 0.0, 0.0]);
        assert_eq!(s.searches_total, 9);
    }

    #[test]
    fn failing_searches_are_summed_per_query_and_locale_with_why_they_failed() {
        let s = summarize(&report());
        let found = |query: &str| s.failing.iter().find(|f| f.query == query).cloned().unwrap();
        assert_eq!(s.failing.len(), 3);
        assert_eq!(s.failing[0], FailingSearch { query: "火星".into(), locale: "zh-cn".into(), zero: 3, unsure: 1 });
        assert_eq!((found("退款").zero, found("退款").unsure), (0, 1));
        assert_eq!(found("mars").locale, "en-us");
    }

    #[test]
    fn an_article_keeps_the_title_the_edge_gave_it_and_titles_match_in_any_case() {
        let s = summarize(&report());
        assert_eq!(s.articles.iter().find(|a| a.article == "a1").unwrap().title.as_deref(), Some("怎么退款"));
        assert_eq!(s.articles.iter().find(|a| a.article == "a2").unwrap().title, None);
        assert!(title_matches("Cancel Auto-Renewal", " auto-renewal "));
        assert!(!title_matches("Refund policy", "renewal"));
    }

    #[test]
    fn rates_are_recomputed_from_the_sums_not_averaged() {
        let s = summarize(&report());
        assert_eq!(s.deflection_rate, Some(1.0 / 4.0));
        let a1 = s.articles.iter().find(|a| a.article == "a1").unwrap();
        assert_eq!((a1.views, a1.helpful, a1.not_helpful, a1.helpful_rate), (5, 2, 1, Some(2.0 / 3.0)));
        assert_eq!(s.articles[0].article, "a2", "most viewed first");
        // (5 × 1 + 2 × 2) / 3 ratings
        assert_eq!(s.csat_average, Some(3.0));
        assert_eq!(&s.first_response_hours[..3], [None, Some(2.0), None]);
    }

    #[test]
    fn a_range_the_edge_would_refuse_is_drawn_as_sent() {
        let mut backwards = report();
        (backwards.from, backwards.to) = ("2026-03-07".into(), "2026-03-01".into());
        assert_eq!(summarize(&backwards).days, ["2026-03-02", "2026-03-03"]);
    }

    #[test]
    fn an_empty_report_has_no_rates() {
        let s = summarize(&AnalyticsReport { from: "2026-03-01".into(), to: "2026-03-01".into(), days: vec![] });
        assert_eq!((s.deflection_rate, s.csat_average, s.searches_total), (None, None, 0));
    }
}
