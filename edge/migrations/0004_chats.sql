-- Live chats: each belongs to a ticket (its requester owns the chat) and lives in a Conversation
-- Durable Object named by its id. D1 only says whose chat it is and which ticket it files into;
-- the messages stay in the object until the chat ends and its transcript joins the ticket's log.
CREATE TABLE chats (
  id TEXT PRIMARY KEY,                     -- random, unguessable; names the Conversation object
  site TEXT NOT NULL REFERENCES sites(id),
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX chats_by_ticket ON chats (ticket_id);
