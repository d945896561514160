-- The team: roles, departments, sign-in, credentials, invitations and the audit log.

-- People sign in with an email and a password (PBKDF2-SHA256, see edge/src/team/password.rs).
-- `roles` is a JSON array of wire::team::Role; `department` stays the home department (where live
-- chats are offered first); membership is `agent_departments`.
ALTER TABLE agents ADD COLUMN email TEXT;                       -- lower-case; NULL: token-only account
ALTER TABLE agents ADD COLUMN roles TEXT NOT NULL DEFAULT '["agent"]';
ALTER TABLE agents ADD COLUMN password_hash TEXT;               -- pbkdf2-sha256$<iterations>$<salt>$<hash>
ALTER TABLE agents ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
ALTER TABLE agents ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0;  -- since the last success
ALTER TABLE agents ADD COLUMN locked_until INTEGER;             -- brute force: no sign-in before this
ALTER TABLE agents ADD COLUMN last_sign_in_at INTEGER;
CREATE UNIQUE INDEX agents_by_email ON agents (site, email);

CREATE TABLE agent_departments (
  agent_id TEXT NOT NULL REFERENCES agents(id),
  department TEXT NOT NULL,
  PRIMARY KEY (agent_id, department)
);
INSERT INTO agent_departments (agent_id, department) SELECT id, department FROM agents;

-- Every bearer credential: sessions from a sign-in (short-lived) and integration tokens (scoped,
-- listed, revocable). Only digests are stored. `agents.token_digest` is no longer read: the
-- tokens it held move here as integration tokens with the agent's full reach (new people get
-- 'none:<id>' there; SQLite cannot drop a UNIQUE column).
CREATE TABLE credentials (
  token_digest TEXT PRIMARY KEY,           -- SHA-256 of the bearer token
  id TEXT NOT NULL UNIQUE,                 -- shown in lists and the audit log, never the token
  agent_id TEXT NOT NULL REFERENCES agents(id),
  kind TEXT NOT NULL,                      -- 'session' or 'api'
  label TEXT NOT NULL,
  scopes TEXT NOT NULL,                    -- JSON array of wire::team::TokenScope
  created_at INTEGER NOT NULL,
  expires_at INTEGER,                      -- sessions expire; integration tokens until revoked
  revoked_at INTEGER
);
CREATE INDEX credentials_by_agent ON credentials (agent_id, kind);
INSERT INTO credentials (token_digest, id, agent_id, kind, label, scopes, created_at)
  SELECT token_digest, 'cred-' || id, id, 'api', 'first token', '["cases","reports","people","knowledge_base"]', created_at FROM agents;

-- One-time links that let a new person set their password.
CREATE TABLE invitations (
  token_digest TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL REFERENCES agents(id), -- the person, inactive until they accept
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);

-- Who did what, when and from where. Append-only: the API has no route that changes it, and the
-- database refuses updates and deletes.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  site TEXT NOT NULL,
  at INTEGER NOT NULL,
  actor_id TEXT,                           -- NULL: the system (the sweep) or an unknown caller
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,                    -- wire::team::AuditAction
  target TEXT,                             -- the person, ticket, requester or article acted on
  detail TEXT NOT NULL,                    -- JSON: what changed
  ip TEXT,
  user_agent TEXT
);
CREATE INDEX audit_log_by_time ON audit_log (site, at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Site settings an admin changes in the console (sites.json keeps what a deploy sets).
CREATE TABLE site_settings (
  site TEXT PRIMARY KEY REFERENCES sites(id),
  retention_days INTEGER,                  -- closed tickets' personal data is redacted after this
  updated_at INTEGER NOT NULL
);

-- When a ticket's personal data was erased (on request, or by the retention sweep).
ALTER TABLE tickets ADD COLUMN personal_data_erased_at INTEGER;
