//! A conversation's messages in its object's SQLite storage: numbered without gaps, stored once
//! per `client_id`, counted for the conversation's limits, read back from any sequence number
//! for replay.

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

    /// The message stored under `client_id`, if any: a client's retry of it is acknowledged
    /// again, never stored twice.
    pub fn find(&self, client_id: &str) -> Result<Option<ChatMessage>> {
        let mut rows = self
            .sql
            .exec("SELECT seq, client_id, role, name, text, at FROM messages WHERE client_id = ?", vec![client_id.into()])?
            .to_array::<StoredMessage>()?;
        Ok(rows.pop().map(StoredMessage::into_message))
    }

    /// How many messages the conversation holds, and how many of them `role` sent after `since`.
    pub fn volume(&self, role: Role, since: u64) -> Result<(u64, u32)> {
        let counted = self
            .sql
            .exec(
                "SELECT COUNT(*) AS stored, COALESCE(SUM(role = ? AND at > ?), 0) AS recent FROM messages",
                vec![role.as_str().into(), (since as i64).into()],
            )?
            .to_array::<Volume>()?;
        Ok(counted.first().map_or((0, 0), |v| (v.stored, v.recent)))
    }

    /// Stores a new message (its `client_id` must be new: see [`MessageLog::find`]) under the
    /// next sequence number.
    pub fn append(&self, client_id: &str, role: Role, name: &str, text: &str, at: u64) -> Result<ChatMessage> {
        // One statement numbers and inserts: events of one object run one at a time and `exec`
        // is synchronous, so nothing slips between reading the last seq and writing the next,
        // and seq numbers have no gaps.
        let inserted = self
            .sql
            .exec(
                // A bare MAX over the primary key is one index lookup, not a scan.
                "INSERT INTO messages (seq, client_id, role, name, text, at)
                 VALUES (COALESCE((SELECT MAX(seq) FROM messages), 0) + 1, ?, ?, ?, ?, ?) RETURNING seq",
                vec![client_id.into(), role.as_str().into(), name.into(), text.into(), (at as i64).into()],
            )?
            .to_array::<NextSeq>()?;
        let seq = inserted.first().map(|row| row.seq).ok_or_else(|| worker::Error::RustError(format!("message {client_id} was not numbered")))?;
        Ok(ChatMessage { seq, client_id: client_id.to_string(), role, name: name.to_string(), text: text.to_string(), at })
    }

    /// Removes the user's name from their messages, and their words too when `texts`.
    pub fn erase_user(&self, texts: bool) -> Result<()> {
        let user = Role::User.as_str();
        self.sql.exec("UPDATE messages SET name = ? WHERE role = ?", vec![user.into(), user.into()])?;
        if texts {
            self.sql.exec("UPDATE messages SET text = ? WHERE role = ?", vec![desk::erasure::ERASED.into(), user.into()])?;
        }
        Ok(())
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
struct Volume {
    stored: u64,
    recent: u32,
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
