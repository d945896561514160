//! The console's keyboard shortcuts: one table, read by the key handler and by the help dialog,
//! so what is documented is what works. Keys typed into a field are the field's, except Esc.

use crate::i18n::Text;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Help,
    Escape,
    GoTickets,
    GoAnalytics,
    GoChats,
    FocusSearch,
    Next,
    Previous,
    Open,
    Reply,
    Note,
    EditStatus,
}

/// Which screen the key arrives on: list keys do nothing on a ticket and the other way round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    List,
    Ticket,
    Elsewhere,
}

/// Key (as `KeyboardEvent.key` names it), where it works, what it does, and its description.
pub const SHORTCUTS: &[(&str, Option<Place>, Action, Text)] = &[
    ("?", None, Action::Help, Text::KeyHelp),
    ("Escape", None, Action::Escape, Text::KeyEscape),
    ("t", None, Action::GoTickets, Text::KeyTickets),
    ("a", None, Action::GoAnalytics, Text::KeyAnalytics),
    ("c", None, Action::GoChats, Text::KeyChats),
    ("/", Some(Place::List), Action::FocusSearch, Text::KeySearch),
    ("j", Some(Place::List), Action::Next, Text::KeyNext),
    ("k", Some(Place::List), Action::Previous, Text::KeyPrevious),
    ("o", Some(Place::List), Action::Open, Text::KeyOpen),
    ("r", Some(Place::Ticket), Action::Reply, Text::KeyReply),
    ("n", Some(Place::Ticket), Action::Note, Text::KeyNote),
    ("e", Some(Place::Ticket), Action::EditStatus, Text::KeyStatus),
];

/// What a key press means; `None` leaves the key to the browser. A press with Ctrl, Alt or Meta
/// is never ours (browser and screen-reader commands).
pub fn action(key: &str, modified: bool, typing: bool, place: Place) -> Option<Action> {
    if modified || (typing && key != "Escape") {
        return None;
    }
    SHORTCUTS
        .iter()
        .find(|(k, only, _, _)| *k == key && only.is_none_or(|p| p == place))
        .map(|(_, _, action, _)| *action)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_act_on_their_screen_only() {
        assert_eq!(action("j", false, false, Place::List), Some(Action::Next));
        assert_eq!(action("j", false, false, Place::Ticket), None);
        assert_eq!(action("r", false, false, Place::Ticket), Some(Action::Reply));
        assert_eq!(action("r", false, false, Place::List), None);
        assert_eq!(action("?", false, false, Place::Elsewhere), Some(Action::Help));
    }

    #[test]
    fn typing_and_modifiers_leave_keys_alone_but_escape() {
        assert_eq!(action("r", false, true, Place::Ticket), None);
        assert_eq!(action("Escape", false, true, Place::Ticket), Some(Action::Escape));
        assert_eq!(action("a", true, false, Place::List), None);
    }

    #[test]
    fn each_key_is_listed_once_per_screen() {
        for (i, (key, place, _, _)) in SHORTCUTS.iter().enumerate() {
            for (other, other_place, _, _) in &SHORTCUTS[i + 1..] {
                let overlap = place.is_none() || other_place.is_none() || place == other_place;
                assert!(!(key == other && overlap), "{key} is bound twice");
            }
        }
    }
}
