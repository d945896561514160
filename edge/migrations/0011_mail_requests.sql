-- The email channel, continued (edge/src/mail/): mails the requester asks for (a chat's
-- transcript) or a booking confirms (a callback), each site's mail settings, how many new
-- tickets unknown senders filed by mail, and the attachments kept from inbound mail.

-- `mails` takes the two new kinds (SQLite cannot change a CHECK in place: copy, swap).
CREATE TABLE mails_v2 (
  id TEXT PRIMARY KEY,
  site TEXT NOT NULL REFERENCES sites(id),
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  kind TEXT NOT NULL CHECK (kind IN ('reply', 'solved', 'transcript', 'callback')),
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
INSERT INTO mails_v2 SELECT id, site, ticket_id, kind, recipient, subject, mime, status, attempts, next_attempt_at, last_error, created_at, sent_at FROM mails ORDER BY rowid;
DROP TABLE mails;
ALTER TABLE mails_v2 RENAME TO mails;
CREATE INDEX mails_due ON mails (next_attempt_at) WHERE status = 'queued';
CREATE INDEX mails_by_ticket ON mails (ticket_id, created_at);

-- A mail asked for, taken up once by its event id (`transcript:<chat id>`,
-- `callback:<ticket id>`): the mail that carried it, NULL while it waits (a transcript waits
-- until the chat's words are in the ticket's log). `recipient` NULL: the ticket's address.
CREATE TABLE mail_requests (
  event_id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  kind TEXT NOT NULL CHECK (kind IN ('transcript', 'callback')),
  chat_id TEXT,
  recipient TEXT,
  at INTEGER NOT NULL,
  mail_id TEXT
);
CREATE INDEX mail_requests_waiting ON mail_requests (at) WHERE mail_id IS NULL;

-- A site's mail settings (mail::settings checks them), as the JSON of wire::mail::MailSettings.
CREATE TABLE mail_settings (
  site TEXT PRIMARY KEY REFERENCES sites(id),
  settings TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT NOT NULL
);

-- Who sent each inbound mail, and whether they were unknown to the site then (no ticket with
-- their address): new tickets from unknown senders are limited per hour.
ALTER TABLE inbound_mails ADD COLUMN sender TEXT;
ALTER TABLE inbound_mails ADD COLUMN unknown_sender INTEGER NOT NULL DEFAULT 0;
CREATE INDEX inbound_mails_unknown ON inbound_mails (site, at) WHERE unknown_sender = 1;

-- Files kept from inbound mail, in the ATTACHMENTS bucket under `key`; agents download them
-- through the worker.
CREATE TABLE ticket_attachments (
  id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  key TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX ticket_attachments_by_ticket ON ticket_attachments (ticket_id, at);
