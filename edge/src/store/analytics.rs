//! The analytics report's queries: widget events per day and ticket numbers per day, read in
//! one batch and folded into `DayStats`.

use std::collections::BTreeMap;

use desk::analytics::{median, rate};
use serde::Deserialize;
use wire::analytics::{ArticleStats, DayStats, NamedCount, QueryCount};
use worker::wasm_bindgen::JsValue;
use worker::D1Database;

use super::int;
use crate::api::ApiError;

const WIDGET_TOTALS: &str = "SELECT day, SUM(type = 'search') AS searches, SUM(type = 'contact_started') AS contacts,
    SUM(type = 'deflected') AS deflected
  FROM widget_events WHERE site = ?1 AND day BETWEEN ?2 AND ?3 GROUP BY day";

/// Top ten per day of: all queries, queries with no result, queries the search was unsure of;
/// a query counts per locale (an editor answers it in that locale's help center).
const QUERIES: &str = "SELECT day, kind, query, locale, count FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY day, kind ORDER BY count DESC, query, locale) AS rank FROM (
      SELECT day, 'top' AS kind, lower(query) AS query, locale, COUNT(*) AS count FROM widget_events
        WHERE site = ?1 AND day BETWEEN ?2 AND ?3 AND type = 'search' GROUP BY day, lower(query), locale
      UNION ALL
      SELECT day, 'zero', lower(query), locale, COUNT(*) FROM widget_events
        WHERE site = ?1 AND day BETWEEN ?2 AND ?3 AND type = 'search' AND results = 0 GROUP BY day, lower(query), locale
      UNION ALL
      SELECT day, 'unsure', lower(query), locale, COUNT(*) FROM widget_events
        WHERE site = ?1 AND day BETWEEN ?2 AND ?3 AND type = 'search' AND verdict = 'unsure' GROUP BY day, lower(query), locale))
  WHERE rank <= 10 ORDER BY day, kind, rank";

/// Each article with its title in the knowledge base, if it has it there.
const ARTICLES: &str = "SELECT day, article, (SELECT json_extract(a.draft, '$.title') FROM kb_articles a WHERE a.site = ?1 AND a.id = article) AS title,
    SUM(type = 'article_view') AS views,
    SUM(type = 'helpful_vote' AND helpful = 1) AS helpful, SUM(type = 'helpful_vote' AND helpful = 0) AS not_helpful
  FROM widget_events WHERE site = ?1 AND day BETWEEN ?2 AND ?3 AND type IN ('article_view', 'helpful_vote')
  GROUP BY day, article ORDER BY day, views DESC";

// Ticket figures count only the departments the reader sees: ?6 is a JSON array of them, or
// NULL for someone who sees everything.
const TICKET_COUNTS: &str = "SELECT date(created_at / 1000, 'unixepoch') AS day, 'category' AS kind, category AS name, COUNT(*) AS count
    FROM tickets WHERE site = ?1 AND created_at >= ?4 AND created_at < ?5 AND (?6 IS NULL OR department IN (SELECT value FROM json_each(?6))) GROUP BY 1, 3
  UNION ALL
  SELECT date(created_at / 1000, 'unixepoch'), 'department', department, COUNT(*)
    FROM tickets WHERE site = ?1 AND created_at >= ?4 AND created_at < ?5 AND (?6 IS NULL OR department IN (SELECT value FROM json_each(?6))) GROUP BY 1, 3
  ORDER BY 1, 2, 4 DESC";

/// First-response and resolution durations and CSAT scores, by the day they happened. A rating
/// counts on the day its ticket was solved; a chat rated while its ticket is still open counts
/// on the day of the rating.
const TICKET_SAMPLES: &str = "SELECT date(first_response_at / 1000, 'unixepoch') AS day, 'first_response' AS kind,
    first_response_at - created_at AS value
    FROM tickets WHERE site = ?1 AND first_response_at >= ?4 AND first_response_at < ?5 AND (?6 IS NULL OR department IN (SELECT value FROM json_each(?6)))
  UNION ALL
  SELECT date(solved_at / 1000, 'unixepoch'), 'resolution', solved_at - created_at
    FROM tickets WHERE site = ?1 AND solved_at >= ?4 AND solved_at < ?5 AND (?6 IS NULL OR department IN (SELECT value FROM json_each(?6)))
  UNION ALL
  SELECT date(rated_at / 1000, 'unixepoch'), 'csat', csat_score FROM (
    SELECT csat_score, COALESCE(solved_at, (SELECT MAX(e.at) FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'csat')) AS rated_at
      FROM tickets t WHERE site = ?1 AND csat_score IS NOT NULL AND (?6 IS NULL OR department IN (SELECT value FROM json_each(?6))))
    WHERE rated_at >= ?4 AND rated_at < ?5";

#[derive(Deserialize)]
struct Totals {
    day: String,
    searches: f64,
    contacts: f64,
    deflected: f64,
}

#[derive(Deserialize)]
struct Ranked {
    day: String,
    kind: String,
    query: String,
    locale: String,
    count: f64,
}

#[derive(Deserialize)]
struct Article {
    day: String,
    article: String,
    title: Option<String>,
    views: f64,
    helpful: f64,
    not_helpful: f64,
}

#[derive(Deserialize)]
struct Counted {
    day: String,
    kind: String,
    name: String,
    count: f64,
}

#[derive(Deserialize)]
struct Sample {
    day: String,
    kind: String,
    value: f64,
}

/// The report's days (only days with data), for a site and a checked range; ticket figures of
/// `departments` only (None: all of them). The help center's figures (searches, articles) are
/// the whole site's: they belong to no department.
pub async fn days(db: &D1Database, site: &str, from: &str, to: &str, bounds: (i64, i64), departments: Option<&[String]>) -> Result<Vec<DayStats>, ApiError> {
    let scope = departments.map(serde_json::to_string).transpose()?.map_or(JsValue::NULL, |json| JsValue::from_str(&json));
    let binds: [JsValue; 6] = [site.into(), from.into(), to.into(), int(bounds.0), int(bounds.1), scope];
    // D1 wants exactly as many binds as the highest placeholder: widget queries use ?1–?3.
    let statements = [(WIDGET_TOTALS, 3), (QUERIES, 3), (ARTICLES, 3), (TICKET_COUNTS, 6), (TICKET_SAMPLES, 6)]
        .into_iter()
        .map(|(sql, n)| db.prepare(sql).bind(&binds[..n]))
        .collect::<worker::Result<Vec<_>>>()?;
    let results = db.batch(statements).await?;
    let mut days: BTreeMap<String, DayStats> = BTreeMap::new();
    let n = |v: f64| v as u32;
    for t in results[0].results::<Totals>()? {
        let stats = day(&mut days, &t.day);
        (stats.searches, stats.contacts_started, stats.deflected) = (n(t.searches), n(t.contacts), n(t.deflected));
        stats.deflection_rate = rate(stats.deflected, stats.contacts_started);
    }
    for q in results[1].results::<Ranked>()? {
        let stats = day(&mut days, &q.day);
        let list = match q.kind.as_str() {
            "top" => &mut stats.top_queries,
            "zero" => &mut stats.zero_result_queries,
            _ => &mut stats.unsure_queries,
        };
        list.push(QueryCount { query: q.query, count: n(q.count), locale: q.locale });
    }
    for a in results[2].results::<Article>()? {
        let (helpful, not_helpful) = (n(a.helpful), n(a.not_helpful));
        let stats = ArticleStats { article: a.article, title: a.title, views: n(a.views), helpful, not_helpful, helpful_rate: rate(helpful, not_helpful) };
        day(&mut days, &a.day).articles.push(stats);
    }
    for c in results[3].results::<Counted>()? {
        let stats = day(&mut days, &c.day);
        let list = if c.kind == "category" { &mut stats.tickets_by_category } else { &mut stats.tickets_by_department };
        list.push(NamedCount { name: c.name, count: n(c.count) });
    }
    let mut samples: BTreeMap<(String, String), Vec<i64>> = BTreeMap::new();
    for s in results[4].results::<Sample>()? {
        samples.entry((s.day, s.kind)).or_default().push(s.value as i64);
    }
    for ((d, kind), values) in samples {
        let stats = day(&mut days, &d);
        match kind.as_str() {
            "first_response" => stats.first_response_median_ms = median(values),
            "resolution" => stats.resolution_median_ms = median(values),
            _ => {
                stats.csat_count = values.len() as u32;
                stats.csat_average = Some(values.iter().sum::<i64>() as f64 / values.len() as f64);
            }
        }
    }
    Ok(days.into_values().collect())
}

fn day<'a>(days: &'a mut BTreeMap<String, DayStats>, d: &str) -> &'a mut DayStats {
    days.entry(d.to_string()).or_insert_with(|| DayStats { day: d.to_string(), ..Default::default() })
}
