-- Sites that embed the widget. Tickets, agents and events hang off a site.
CREATE TABLE sites (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

INSERT INTO sites (id, name, created_at) VALUES ('demo', '星河视频 Galaxy Video', 0);
