//! Why the desk refused something. The edge maps each variant to one HTTP status.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeskError {
    /// A field is missing, empty, too long or not one of the allowed values (422).
    Invalid { field: String, message: String },
    /// The ticket's status forbids the change, e.g. rating an open ticket (422).
    NotNow(String),
}

impl DeskError {
    pub fn invalid(field: &str, message: impl Into<String>) -> DeskError {
        DeskError::Invalid { field: field.to_string(), message: message.into() }
    }
}

impl fmt::Display for DeskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeskError::Invalid { field, message } => write!(f, "{field}: {message}"),
            DeskError::NotNow(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for DeskError {}
