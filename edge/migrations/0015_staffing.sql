-- Staffing from measured demand (issue 18): what the chat line lived, the desk's occupancy per
-- 15 minutes, and the shifts leads plan. Arrivals of tickets, callbacks and mails are read from
-- `tickets` (created_at, channel, department); only what nothing else keeps is added here.

-- A chat's department (where it waited; a transfer moves it), when an agent first took it and
-- when it ended: waits, abandonment (ended, never taken) and handle time.
ALTER TABLE chats ADD COLUMN department TEXT;
ALTER TABLE chats ADD COLUMN answered_at INTEGER;
ALTER TABLE chats ADD COLUMN ended_at INTEGER;
CREATE INDEX chats_by_time ON chats (site, created_at);

-- The desk as the minute sweep saw it, summed per 15-minute slot and department, for the minutes
-- someone was online (`minutes`): divide by 15 for the mean agents online and chats in progress;
-- occupancy is chats / capacity.
CREATE TABLE desk_samples (
  site TEXT NOT NULL,
  slot INTEGER NOT NULL,                   -- start of the slot, ms since the epoch
  department TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  agents_online INTEGER NOT NULL,
  chats INTEGER NOT NULL,
  capacity INTEGER NOT NULL,
  PRIMARY KEY (site, slot, department)
);

-- One agent's plan (agent_id '' : the site's holidays), with the version every write names.
-- The triggers refuse a write that does not name the version it read, which aborts the whole
-- batch: two leads editing one plan never lose each other's change, and nothing half-written
-- stays.
CREATE TABLE shift_plans (
  site TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (site, agent_id)
);
-- (An upsert fires the insert trigger before it finds the row, hence the NOT EXISTS.)
CREATE TRIGGER shift_plans_first BEFORE INSERT ON shift_plans
WHEN NEW.version != 1 AND NOT EXISTS (SELECT 1 FROM shift_plans p WHERE p.site = NEW.site AND p.agent_id = NEW.agent_id)
BEGIN SELECT RAISE(ABORT, 'stale plan'); END;
CREATE TRIGGER shift_plans_next BEFORE UPDATE ON shift_plans WHEN NEW.version != OLD.version + 1
BEGIN SELECT RAISE(ABORT, 'stale plan'); END;

-- The week template: weekday 0 is Monday; minutes after local midnight; an end at or before the
-- start runs past midnight.
CREATE TABLE shifts (
  site TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  department TEXT NOT NULL,
  weekday INTEGER NOT NULL,
  start_minute INTEGER NOT NULL,
  end_minute INTEGER NOT NULL
);
CREATE INDEX shifts_by_agent ON shifts (site, agent_id);

-- Dated exceptions: an agent's other hours (or day off: no department) on a local date, or a
-- holiday for everyone (agent_id NULL).
CREATE TABLE shift_exceptions (
  site TEXT NOT NULL,
  agent_id TEXT,
  date TEXT NOT NULL,
  department TEXT,
  start_minute INTEGER,
  end_minute INTEGER
);
CREATE INDEX shift_exceptions_by_site ON shift_exceptions (site, date);
