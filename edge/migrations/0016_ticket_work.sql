-- Ticket work time (issue 18): each agent's session on a case in the console, from opening it
-- until their last tab on it closed, idle stretches counted only up to desk::work_time's bound.
-- The ticket line's handle time is the sum of a ticket's sessions. An agent's tabs share one
-- session (the same `started_at`), so the key makes a session told twice (two tabs let go at
-- once) one row.
CREATE TABLE ticket_work (
  site TEXT NOT NULL,
  ticket_id TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER NOT NULL,
  worked_ms INTEGER NOT NULL,
  PRIMARY KEY (site, ticket_id, agent_id, started_at)
);

-- When the sweep told a task's department leads that it went past its due time: once per task.
ALTER TABLE case_tasks ADD COLUMN overdue_told_at INTEGER;
