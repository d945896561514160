//! The one contract between the widget, the agent console and the edge worker: the types they
//! exchange, the size limits of every field ([`limits`]), and the JSON shape of each type twice
//! over, kept in agreement by tests: serde derives (feature `serde`, on by default; the edge and
//! the console) and a serde-free codec ([`json`]) for the widget, whose bundle must stay small.
//! No JSON library of its own: each side brings its own. edge/openapi.yaml describes the same
//! shapes route by route.

/// `names! { Status { New => "new", … } }`: the names serde writes, for query strings, labels
/// and the [`json`] codec; `ALL` in the order people read them. `| Variant` reads any unknown
/// name as that variant (a newer server's word).
macro_rules! names {
    ($($kind:ident { $($variant:ident => $name:literal),* } $(| $fallback:ident)?)*) => {$(
        impl $kind {
            pub const ALL: &'static [$kind] = &[$($kind::$variant),*];
            /// Their names, in the order of `ALL`.
            const NAMES: &'static [&'static str] = &[$($name),*];

            pub fn as_str(self) -> &'static str {
                match self { $($kind::$variant => $name),* }
            }

            pub fn from_name(name: &str) -> Option<$kind> {
                // One scan of a list of names for every enum in the browser's bundle, not a match each.
                $crate::json::position($kind::NAMES, name).map(|i| $kind::ALL[i])
            }
        }

        impl $crate::json::Read for $kind {
            fn read<J: $crate::json::Json>(value: Option<J>, problem: &mut $crate::json::Problem) -> Self {
                let unknown: Option<$kind> = None $(.or(Some($kind::$fallback)))?;
                match $crate::json::name(value, $kind::NAMES, problem) {
                    Some(i) => $kind::ALL[i],
                    None => unknown.unwrap_or_else(|| {
                        problem.here();
                        $kind::ALL[0]
                    }),
                }
            }
        }

        impl $crate::json::Write for $kind {
            fn write<J: $crate::json::Json>(&self) -> J {
                J::from_string(self.as_str())
            }
        }

        #[cfg(test)]
        impl $crate::json::sample::Sample for $kind {
            fn strategy() -> proptest::strategy::BoxedStrategy<Self> {
                use proptest::strategy::Strategy;
                proptest::sample::select($kind::ALL).boxed()
            }
        }
    )*};
}

#[macro_use]
pub mod json;

pub mod agent;
pub mod analytics;
pub mod chat;
pub mod chat_admission;
pub mod error;
pub mod kb;
pub mod limits;
pub mod mail;
pub mod tasks;
pub mod staffing;
pub mod team;
pub mod tickets;
pub mod views;

#[cfg(all(test, feature = "serde"))]
mod tests {
    use crate::analytics::Verdict;
    use crate::chat::{AgentStatus, ChatPhase, Speaker};
    use crate::chat_admission::FallbackReason;
    use crate::error::ErrorCode;
    use crate::tickets::{ActorKind, Channel, Priority, SlaTarget, Status, TriageReason};

    fn agree<T: serde::Serialize + serde::de::DeserializeOwned + Copy + PartialEq + std::fmt::Debug>(all: &[T], name: fn(T) -> &'static str, from: fn(&str) -> Option<T>) {
        for &value in all {
            let written = serde_json::to_value(value).unwrap();
            assert_eq!(written.as_str(), Some(name(value)));
            assert_eq!(from(name(value)), Some(value));
        }
    }

    #[test]
    fn names_are_the_ones_serde_writes_and_read_back() {
        agree(Status::ALL, Status::as_str, Status::from_name);
        agree(Priority::ALL, Priority::as_str, Priority::from_name);
        agree(Channel::ALL, Channel::as_str, Channel::from_name);
        agree(ActorKind::ALL, ActorKind::as_str, ActorKind::from_name);
        agree(SlaTarget::ALL, SlaTarget::as_str, SlaTarget::from_name);
        agree(TriageReason::ALL, TriageReason::as_str, TriageReason::from_name);
        agree(Speaker::ALL, Speaker::as_str, Speaker::from_name);
        agree(AgentStatus::ALL, AgentStatus::as_str, AgentStatus::from_name);
        agree(ChatPhase::ALL, ChatPhase::as_str, ChatPhase::from_name);
        agree(FallbackReason::ALL, FallbackReason::as_str, FallbackReason::from_name);
        agree(Verdict::ALL, Verdict::as_str, Verdict::from_name);
        agree(crate::tasks::TaskStatus::ALL, crate::tasks::TaskStatus::as_str, crate::tasks::TaskStatus::from_name);
        agree(ErrorCode::ALL, ErrorCode::as_str, ErrorCode::from_name);
        assert_eq!(Status::from_name("bogus"), None);
    }
}
