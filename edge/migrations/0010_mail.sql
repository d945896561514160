-- The email channel (edge/src/mail/, rules in the `mail` crate): mails to requesters about
-- their tickets, queued and retried here, and inbound mail seen once.

-- Per ticket that mails: its link generation (raised to revoke every link sent before), whether
-- the requester unsubscribed, and when the last mail went (the throttle).
CREATE TABLE mail_threads (
  ticket_id TEXT PRIMARY KEY REFERENCES tickets(id),
  link_generation INTEGER NOT NULL DEFAULT 0,
  unsubscribed_at INTEGER,
  last_mail_at INTEGER
);

-- How far the mail pass has read the ticket log (ticket_events.seq). It starts at the present:
-- events from before the channel existed mail nobody.
CREATE TABLE mail_cursor (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_seq INTEGER NOT NULL
);
INSERT INTO mail_cursor (id, last_seq) SELECT 1, COALESCE(MAX(seq), 0) FROM ticket_events;

-- Each ticket event that mails, taken up once by its id: the mail that carried it, NULL while
-- it waits (throttled, or not composed yet).
CREATE TABLE mail_events (
  event_seq INTEGER PRIMARY KEY REFERENCES ticket_events(seq),
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  kind TEXT NOT NULL CHECK (kind IN ('reply', 'solved')),
  at INTEGER NOT NULL,
  mail_id TEXT
);
CREATE INDEX mail_events_waiting ON mail_events (ticket_id, event_seq) WHERE mail_id IS NULL;

-- Each mail: queued until sent, or failed after its last attempt, with the reason. The MIME is
-- built once, so every attempt sends the same message (one Message-ID); it is dropped once sent.
CREATE TABLE mails (
  id TEXT PRIMARY KEY,
  site TEXT NOT NULL REFERENCES sites(id),
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  kind TEXT NOT NULL CHECK (kind IN ('reply', 'solved')),
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  mime TEXT,
  status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX mails_due ON mails (next_attempt_at) WHERE status = 'queued';
CREATE INDEX mails_by_ticket ON mails (ticket_id, created_at);

-- Inbound mails by Message-ID: a redelivered mail files or threads nothing twice.
CREATE TABLE inbound_mails (
  site TEXT NOT NULL,
  message_id TEXT NOT NULL,
  ticket_id TEXT,
  outcome TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (site, message_id)
);
