//! A conversation's messages in its object's SQLite storage: numbered without gaps, stored once
//! per `client_id`, read back from any sequence number for replay.

use serde::Deserialize;
use wire::chat::ChatMessage;
use worker::{console_error, Result, SqlStorage};

use livechat::Role;

pub struct MessageLog {
    sql: SqlStorage,
}

impl MessageLog {
    /// Opens the log, creating its table on first use (the exec is synchronous, so the table
    /// exists before any event of the object runs).
    pub fn open(sql: SqlStorage) -> MessageLog {
        let created = sql.exec(
            "CREATE TABLE IF NOT EXISTS messages (
                seq INTEGER PRIMARY KEY,
                client_id TEXT NOT NULL UNIQUE,
                role TEXT NOT NULL,
                name TEXT NOT NULL,
                text TEXT NOT NULL,
                at INTEGER NOT NULL
            )",
            None,
        );
        if let Err(error) = created {
            console_error!("conversation schema: {error}");
        }
        MessageLog { sql }
    }

    /// Stores a message once per `client_id`; returns it and whether it is new. A repeated
    /// `client_id` gives back the message stored first, whatever its text.
    pub fn store(&self, client_id: &str, role: Role, name: &str, text: &str, at: u64) -> Result<(ChatMessage, bool)> {
        // One statement numbers and inserts: events of one object run one at a time and `exec`
        // is synchronous, so nothing slips between reading the last seq and writing the next,
        // and seq numbers have no gaps. A known client_id inserts nothing and returns no row.
        let inserted = self
            .sql
            .exec(
                // A bare MAX over the primary key is one index lookup, not a scan.
                "INSERT INTO messages (seq, client_id, role, name, text, at)
                 VALUES (COALESCE((SELECT MAX(seq) FROM messages), 0) + 1, ?, ?, ?, ?, ?)
                 ON CONFLICT (client_id) DO NOTHING RETURNING seq",
                vec![client_id.into(), role.as_str().into(), name.into(), text.into(), (at as i64).into()],
            )?
            .to_array::<NextSeq>()?;
        if let Some(row) = inserted.first() {
            let message = ChatMessage { seq: row.seq, client_id: client_id.to_string(), role, name: name.to_string(), text: text.to_string(), at };
            return Ok((message, true));
        }
        let existing = self
            .sql
            .exec("SELECT seq, client_id, role, name, text, at FROM messages WHERE client_id = ?", vec![client_id.into()])?
            .to_array::<StoredMessage>()?
            .pop()
            .ok_or_else(|| worker::Error::RustError(format!("message {client_id} was neither inserted nor found")))?;
        Ok((existing.into_message(), false))
    }

    /// The seq of the newest message (0 when there is none).
    pub fn last_seq(&self) -> Result<u64> {
        let rows = self.sql.exec("SELECT COALESCE(MAX(seq), 0) AS seq FROM messages", None)?.to_array::<NextSeq>()?;
        Ok(rows.first().map_or(0, |row| row.seq))
    }

    /// Every message after `seq`, in order.
    pub fn after(&self, seq: u64) -> Result<Vec<ChatMessage>> {
        let rows = self
            .sql
            .exec("SELECT seq, client_id, role, name, text, at FROM messages WHERE seq > ? ORDER BY seq", vec![(seq as i64).into()])?
            .to_array::<StoredMessage>()?;
        Ok(rows.into_iter().map(StoredMessage::into_message).collect())
    }
}

#[derive(Deserialize)]
struct NextSeq {
    seq: u64,
}

#[derive(Deserialize)]
struct StoredMessage {
    seq: u64,
    client_id: String,
    role: Role,
    name: String,
    text: String,
    at: u64,
}

impl StoredMessage {
    fn into_message(self) -> ChatMessage {
        ChatMessage { seq: self.seq, client_id: self.client_id, role: self.role, name: self.name, text: self.text, at: self.at }
    }
}
