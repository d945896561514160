-- An Idempotency-Key belongs to the caller who sent it, not to the whole site: a retry is only
-- a retry when the same caller sends it. `owner` is 'user:<id>' (a verified user),
-- 'token:<digest>' (a requester token's holder) or 'nobody' (a first ticket, which mints the
-- token). Existing keys keep working: their owner is derived from the ticket they wrote.

CREATE TABLE idempotency_keys_by_owner (
  site TEXT NOT NULL,
  owner TEXT NOT NULL,
  key TEXT NOT NULL,
  request_digest TEXT NOT NULL,            -- a reused key with another body is a conflict
  ticket_id TEXT NOT NULL,
  requester_id TEXT,                       -- to hand an anonymous retry the same token
  created_at INTEGER NOT NULL,
  PRIMARY KEY (site, owner, key)
);

INSERT INTO idempotency_keys_by_owner (site, owner, key, request_digest, ticket_id, requester_id, created_at)
SELECT k.site,
       CASE WHEN k.requester_id IS NOT NULL THEN 'nobody'
            WHEN t.user_id IS NOT NULL THEN 'user:' || t.user_id
            ELSE 'token:' || t.token_digest END,
       k.key, k.request_digest, k.ticket_id, k.requester_id, k.created_at
FROM idempotency_keys k JOIN tickets t ON t.id = k.ticket_id;

DROP TABLE idempotency_keys;
ALTER TABLE idempotency_keys_by_owner RENAME TO idempotency_keys;
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
