-- The knowledge base: articles with their working copy and published versions, categories and
-- sections, each locale's editor vocabulary, and what each locale's help center serves now.
-- The rules are the `kb` crate's; edge/src/routes/kb.rs and edge/src/help_center/ write here.

CREATE TABLE kb_categories (
  site TEXT NOT NULL,
  id TEXT NOT NULL,
  locale TEXT NOT NULL,
  name TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (site, id)
);

CREATE TABLE kb_sections (
  site TEXT NOT NULL,
  id TEXT NOT NULL,
  category_id TEXT NOT NULL,
  name TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (site, id),
  FOREIGN KEY (site, category_id) REFERENCES kb_categories (site, id)
);

-- `draft` is the working copy (wire::kb::ArticleDraft as JSON); its section and translation link
-- are also columns, for the joins. `revision` goes up with every change: a save names the one it
-- edited. `live_version` is the version users see (NULL: none).
CREATE TABLE kb_articles (
  site TEXT NOT NULL,
  id TEXT NOT NULL,
  locale TEXT NOT NULL,
  draft TEXT NOT NULL,
  section_id TEXT NOT NULL,
  translation_of TEXT,
  status TEXT NOT NULL,                 -- wire::kb::ArticleStatus
  revision INTEGER NOT NULL,
  live_version INTEGER,
  votes INTEGER NOT NULL DEFAULT 0,     -- popularity the ranking uses (imported; not an editor's field)
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL,
  PRIMARY KEY (site, id)
);
CREATE INDEX kb_articles_by_locale ON kb_articles (site, locale);

-- Every publish (and rollback) keeps the article as published, by whom and when.
CREATE TABLE kb_versions (
  site TEXT NOT NULL,
  article_id TEXT NOT NULL,
  number INTEGER NOT NULL,
  at INTEGER NOT NULL,
  author_id TEXT,
  author_name TEXT NOT NULL,
  article TEXT NOT NULL,                -- wire::kb::ArticleDraft as JSON
  PRIMARY KEY (site, article_id, number)
);

CREATE TABLE kb_vocabulary (
  site TEXT NOT NULL,
  locale TEXT NOT NULL,
  vocabulary TEXT NOT NULL,             -- wire::kb::Vocabulary as JSON
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (site, locale)
);

-- What each locale's manifest entry names now: its index files (in R2) by role. A publish
-- switches it only if `generation` is still the one it read, so two racing publishes leave one
-- consistent entry (the loser builds again from what is then stored).
CREATE TABLE kb_publications (
  site TEXT NOT NULL,
  locale TEXT NOT NULL,
  generation INTEGER NOT NULL,
  files TEXT NOT NULL,                  -- {"index": "<locale>.<hash>.idx", …}
  articles INTEGER NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (site, locale)
);

-- A batch's guard: `INSERT OR REPLACE INTO kb_write_guard VALUES (1, changes())` right after a
-- conditional write fails the CHECK when that write changed nothing, and D1 then rolls the
-- whole batch back: a stale save or a lost publish race leaves no partial write behind.
CREATE TABLE kb_write_guard (
  id INTEGER PRIMARY KEY,
  ok INTEGER NOT NULL CHECK (ok = 1)
);
