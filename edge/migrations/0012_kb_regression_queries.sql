-- The knowledge base's guard rail: each locale's regression queries ("this query should find
-- this article"). Every publish of the locale runs them against the index users have and the one
-- being published (kb::regression); a lower MRR@5 needs the editor's confirmation. Seeded at
-- import from the content's labelled queries (origin 'content'); editors add their own ('editor'),
-- and searches taken from analytics ('analytics') are the failing searches that led to an article.

CREATE TABLE kb_regression_queries (
  site TEXT NOT NULL,
  id TEXT NOT NULL,
  locale TEXT NOT NULL,
  query TEXT NOT NULL,
  articles TEXT NOT NULL,               -- JSON array of article ids, the expected first one first
  article_id TEXT NOT NULL,             -- articles[0], for listing an article's queries
  origin TEXT NOT NULL,                 -- wire::kb::QueryOrigin
  added_by TEXT NOT NULL,
  added_at INTEGER NOT NULL,
  PRIMARY KEY (site, id)
);
CREATE INDEX kb_regression_queries_by_locale ON kb_regression_queries (site, locale, article_id);
