-- One case handled by several departments (desk::task): linked tasks — a case's owner asks
-- another department a question, which that department answers on the task's internal thread —
-- and collaborators. Requesters never see these rows: they are not ticket events.

CREATE TABLE case_tasks (
  id TEXT PRIMARY KEY,                     -- random
  site TEXT NOT NULL REFERENCES sites(id),
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  department TEXT NOT NULL,                -- the department asked
  question TEXT NOT NULL,
  assignee TEXT REFERENCES agents(id),
  status TEXT NOT NULL,                    -- wire::tasks::TaskStatus
  opened_by TEXT NOT NULL,                 -- the person's name
  opened_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,                 -- the SLA's first-response target for the case's priority
  closed_at INTEGER,                       -- answered or cancelled
  version INTEGER NOT NULL                 -- optimistic concurrency, as tickets
);
CREATE INDEX case_tasks_by_ticket ON case_tasks (ticket_id, opened_at);
CREATE INDEX case_tasks_by_department ON case_tasks (site, department, status, due_at);

CREATE TABLE case_task_messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id TEXT NOT NULL REFERENCES case_tasks(id),
  at INTEGER NOT NULL,
  author TEXT NOT NULL,                    -- the person's name
  text TEXT NOT NULL,
  answer INTEGER NOT NULL                  -- 1: the asked department's answer
);
CREATE INDEX case_task_messages_by_task ON case_task_messages (task_id, seq);

-- Collaborators: people of other departments added to a case, who read it and write internal
-- notes on it (desk::task::reach).
CREATE TABLE case_collaborators (
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  agent_id TEXT NOT NULL REFERENCES agents(id),
  added_by TEXT NOT NULL,                  -- the person's name
  added_at INTEGER NOT NULL,
  PRIMARY KEY (ticket_id, agent_id)
);
CREATE INDEX case_collaborators_by_agent ON case_collaborators (agent_id);
