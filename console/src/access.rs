//! Which screens a signed-in person sees, from the roles `GET /agent/me` reports — asked of the
//! same rules the worker enforces (`desk::team`), so the console hides exactly what it refuses.

use desk::team::{Ability, Member};
use wire::agent::SignedIn;

use crate::route::Screen;

fn member(me: &SignedIn) -> Member {
    Member { id: me.agent.id.clone(), roles: me.roles.clone(), departments: me.scope.clone() }
}

/// Whether `me` may do `ability` (a nav link, a button, a panel).
pub fn may(me: &SignedIn, ability: Ability) -> bool {
    member(me).may(ability)
}

/// Whether `me` may open `screen`; the others show a short refusal instead.
pub fn may_open(me: &SignedIn, screen: &Screen) -> bool {
    match screen {
        Screen::Tickets | Screen::Ticket(_) | Screen::Tasks | Screen::Chats => may(me, Ability::WorkCases),
        Screen::Analytics => may(me, Ability::Reports),
        Screen::Staffing => may(me, Ability::PlanShifts),
        Screen::Team | Screen::Mail => may(me, Ability::ManagePeople),
        Screen::Audit => may(me, Ability::ReadAudit),
        Screen::Kb | Screen::KbNew | Screen::KbArticle(_) => may(me, Ability::EditKnowledgeBase),
        Screen::Accept(_) => true,
    }
}

/// What the console's default place (`#/tickets`, also where sign-in lands) shows `me`: the
/// tickets, or the knowledge base for an editor who works no cases.
pub fn home(me: &SignedIn) -> Screen {
    if !may(me, Ability::WorkCases) && may(me, Ability::EditKnowledgeBase) {
        Screen::Kb
    } else {
        Screen::Tickets
    }
}

#[cfg(test)]
mod tests {
    use wire::agent::AgentProfile;
    use wire::team::Role;

    use super::*;

    fn me(roles: &[Role]) -> SignedIn {
        let agent = AgentProfile { id: "a".into(), name: "Li".into(), department: "billing".into() };
        SignedIn { agent: agent.clone(), site: "demo".into(), departments: vec!["billing".into()], agents: vec![agent], roles: roles.to_vec(), scope: vec!["billing".into()], department_names: Default::default() }
    }

    fn screens() -> [Screen; 9] {
        [Screen::Tickets, Screen::Ticket("0".repeat(32)), Screen::Chats, Screen::Analytics, Screen::Team, Screen::Audit, Screen::Kb, Screen::Tasks, Screen::Staffing]
    }

    fn open(roles: &[Role]) -> Vec<bool> {
        screens().iter().map(|s| may_open(&me(roles), s)).collect()
    }

    #[test]
    fn each_role_sees_its_screens() {
        assert_eq!(open(&[Role::Admin]), [true; 9]);
        assert_eq!(open(&[Role::Lead]), [true, true, true, true, false, false, false, true, true]);
        assert_eq!(open(&[Role::Agent]), [true, true, true, false, false, false, false, true, false], "no analytics or staffing for a plain agent");
        assert_eq!(open(&[Role::Editor]), [false, false, false, false, false, false, true, false, false], "an editor alone has no ticket, task or staffing screens");
        assert_eq!(open(&[Role::Editor, Role::Agent]), [true, true, true, false, false, false, true, true, false]);
    }

    #[test]
    fn an_editor_alone_starts_at_the_knowledge_base() {
        assert_eq!(home(&me(&[Role::Editor])), Screen::Kb);
        assert_eq!(home(&me(&[Role::Editor, Role::Agent])), Screen::Tickets);
        assert_eq!(home(&me(&[Role::Admin])), Screen::Tickets);
    }

    #[test]
    fn an_invitation_opens_for_anyone() {
        assert!(may_open(&me(&[Role::Editor]), &Screen::Accept("ab".repeat(32))));
    }
}
