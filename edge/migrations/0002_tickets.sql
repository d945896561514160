-- Tickets, their event log, the requesters and agents who touch them, and the bookkeeping that
-- keeps writes safe to retry (idempotency keys) and clients within their budgets (rate limits).
-- Times are milliseconds since the epoch (UTC). Enum columns hold the wire's snake_case names.

CREATE TABLE requesters (
  token_digest TEXT PRIMARY KEY,           -- SHA-256 of the requester token, never the token
  id TEXT NOT NULL UNIQUE,
  site TEXT NOT NULL REFERENCES sites(id),
  created_at INTEGER NOT NULL
);

CREATE TABLE agents (
  id TEXT PRIMARY KEY,
  site TEXT NOT NULL REFERENCES sites(id),
  name TEXT NOT NULL,
  department TEXT NOT NULL,
  token_digest TEXT NOT NULL UNIQUE,       -- SHA-256 of the bearer token
  created_at INTEGER NOT NULL
);

CREATE TABLE tickets (
  id TEXT PRIMARY KEY,                     -- random, unguessable
  site TEXT NOT NULL REFERENCES sites(id),
  number INTEGER NOT NULL,                 -- human number, per site
  user_id TEXT,                            -- verified by the site's HMAC
  token_digest TEXT,                       -- anonymous requester
  name TEXT,
  email TEXT,
  channel TEXT NOT NULL,
  category TEXT NOT NULL,
  department TEXT NOT NULL,
  assignee TEXT REFERENCES agents(id),
  priority TEXT NOT NULL,
  status TEXT NOT NULL,
  subject TEXT NOT NULL,
  description TEXT NOT NULL,
  locale TEXT NOT NULL,
  context TEXT NOT NULL,                   -- wire::tickets::TicketContext as JSON
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  first_response_at INTEGER,
  waiting_since INTEGER,
  solved_at INTEGER,
  closed_at INTEGER,
  first_response_due INTEGER NOT NULL,
  resolution_due INTEGER NOT NULL,
  follow_up_asked_at INTEGER,
  follow_up_pending INTEGER NOT NULL DEFAULT 0,
  first_response_breached INTEGER NOT NULL DEFAULT 0,
  resolution_breached INTEGER NOT NULL DEFAULT 0,
  csat_score INTEGER,
  csat_comment TEXT,
  version INTEGER NOT NULL,                -- optimistic concurrency: writes name the version they read
  UNIQUE (site, number)
);
CREATE INDEX tickets_by_user ON tickets (site, user_id, created_at);
CREATE INDEX tickets_by_token ON tickets (site, token_digest, created_at);
CREATE INDEX tickets_by_status ON tickets (site, status, updated_at);
CREATE INDEX tickets_solved ON tickets (status, solved_at);

CREATE TABLE ticket_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  at INTEGER NOT NULL,
  actor_kind TEXT NOT NULL,
  actor_name TEXT NOT NULL,
  type TEXT NOT NULL,
  change TEXT NOT NULL,                    -- wire::tickets::Change as JSON
  internal INTEGER NOT NULL                -- 1: agents only (notes, transfers, SLA flags)
);
CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, seq);

CREATE TABLE idempotency_keys (
  site TEXT NOT NULL,
  key TEXT NOT NULL,
  request_digest TEXT NOT NULL,            -- a reused key with another body is a conflict
  ticket_id TEXT NOT NULL,
  requester_id TEXT,                       -- to hand an anonymous retry the same token
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site, key)
);

CREATE TABLE rate_limits (
  key TEXT PRIMARY KEY,                    -- route class and client
  window_start INTEGER NOT NULL,
  count INTEGER NOT NULL
);
