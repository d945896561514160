-- Analytics events from the widget: searches, article views, votes, contacts, deflections.
CREATE TABLE widget_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  site TEXT NOT NULL REFERENCES sites(id),
  day TEXT NOT NULL,                       -- YYYY-MM-DD (UTC) of `at`
  at INTEGER NOT NULL,
  locale TEXT NOT NULL,
  type TEXT NOT NULL,
  query TEXT,
  verdict TEXT,
  results INTEGER,
  article TEXT,
  helpful INTEGER,
  channel TEXT
);
CREATE INDEX widget_events_by_day ON widget_events (site, day, type);
