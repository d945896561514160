//! The team: what each person may do, and whose cases they see. A person has one or more roles
//! and belongs to departments; the worker asks these rules on every agent route, so what the
//! console hides is also refused.
//!
//! - **admin**: the site's settings, its people, its audit log and requesters' data, every
//!   department's cases and numbers.
//! - **lead**: their departments' cases, live queue and numbers; assigns their people's cases.
//! - **agent**: their departments' cases and chats.
//! - **editor**: the knowledge base (alone, or with one of the above).

use wire::team::{Role, TokenScope};

/// What a person can do, besides working the cases they may see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ability {
    /// Read and write tickets and chats (of the departments in [`Member::scope`]).
    WorkCases,
    /// Analytics and their CSV (of the departments in scope, plus the help center's searches).
    Reports,
    /// Assign a case to someone else than oneself.
    Reassign,
    /// Invite, change, deactivate people; rotate their credentials; integration tokens.
    ManagePeople,
    /// Read and export the audit log.
    ReadAudit,
    /// Export or erase one requester's data, set the retention.
    RequesterData,
    /// Write, review and publish help articles.
    EditKnowledgeBase,
    /// Plan shifts and holidays, read the staffing forecast (of the departments in scope).
    PlanShifts,
}

impl Ability {
    /// The integration-token scope that covers this ability (a sign-in session covers all).
    pub fn token_scope(self) -> TokenScope {
        match self {
            Ability::WorkCases | Ability::Reassign => TokenScope::Cases,
            Ability::Reports | Ability::PlanShifts => TokenScope::Reports,
            Ability::ManagePeople | Ability::ReadAudit | Ability::RequesterData => TokenScope::People,
            Ability::EditKnowledgeBase => TokenScope::KnowledgeBase,
        }
    }
}

/// Which departments' cases a person sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    Everything,
    Departments(Vec<String>),
}

impl Scope {
    pub fn includes(&self, department: &str) -> bool {
        match self {
            Scope::Everything => true,
            Scope::Departments(mine) => mine.iter().any(|d| d == department),
        }
    }

    /// The departments in scope among `all` (the site's), in the site's order.
    pub fn of<'a>(&self, all: &'a [String]) -> Vec<&'a String> {
        all.iter().filter(|d| self.includes(d)).collect()
    }
}

/// A person as the rules need them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub id: String,
    pub roles: Vec<Role>,
    pub departments: Vec<String>,
}

impl Member {
    fn is(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Leads `department`: told of what goes wrong there (a linked task past its due time).
    pub fn leads(&self, department: &str) -> bool {
        self.is(Role::Lead) && self.departments.iter().any(|d| d == department)
    }

    pub fn may(&self, ability: Ability) -> bool {
        if self.is(Role::Admin) {
            return true;
        }
        match ability {
            Ability::WorkCases => self.is(Role::Lead) || self.is(Role::Agent),
            Ability::Reports | Ability::Reassign | Ability::PlanShifts => self.is(Role::Lead),
            Ability::EditKnowledgeBase => self.is(Role::Editor),
            Ability::ManagePeople | Ability::ReadAudit | Ability::RequesterData => false,
        }
    }

    /// The departments whose cases this person sees: all for an admin, their own for a lead or
    /// an agent, none for an editor alone.
    pub fn scope(&self) -> Scope {
        if self.is(Role::Admin) {
            Scope::Everything
        } else if self.may(Ability::WorkCases) {
            Scope::Departments(self.departments.clone())
        } else {
            Scope::Departments(Vec::new())
        }
    }

    /// Whether this person may read and work a case of `department`. A transfer may send a case
    /// anywhere, but once it left the person's departments they no longer see it; a
    /// collaborator added to a case (see the cross-department issue) keeps seeing it.
    pub fn may_see_case(&self, department: &str, collaborator: bool) -> bool {
        self.may(Ability::WorkCases) && (collaborator || self.scope().includes(department))
    }

    /// Whether this person may make `assignee` (None: nobody) the owner of a case of
    /// `department`, where `assignee_departments` are the assignee's. Everyone may take a case or
    /// leave it; handing it to someone else needs [`Ability::Reassign`], and the new owner must
    /// work that department (or be an admin).
    pub fn may_assign(&self, department: &str, assignee: Option<(&str, &Member)>) -> bool {
        match assignee {
            None => true,
            Some((id, _)) if id == self.id => true,
            Some((_, other)) => self.may(Ability::Reassign) && self.scope().includes(department) && other.may_see_case(department, false),
        }
    }
}

/// Roles as an admin sets them: at least one, none twice.
pub fn roles(roles: &[Role]) -> Result<Vec<Role>, crate::DeskError> {
    let mut unique: Vec<Role> = Vec::new();
    for role in roles {
        if unique.contains(role) {
            return Err(crate::DeskError::invalid("roles", "lists a role twice"));
        }
        unique.push(*role);
    }
    if unique.is_empty() {
        return Err(crate::DeskError::invalid("roles", "must name at least one role"));
    }
    Ok(unique)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(roles: &[Role], departments: &[&str]) -> Member {
        Member { id: "m".into(), roles: roles.to_vec(), departments: departments.iter().map(|d| d.to_string()).collect() }
    }

    #[test]
    fn an_agent_sees_their_departments_cases_and_nothing_else() {
        let billing = member(&[Role::Agent], &["billing"]);
        assert!(billing.may_see_case("billing", false));
        assert!(!billing.may_see_case("security", false));
        assert!(billing.may_see_case("security", true), "a collaborator keeps seeing the case");
        assert!(!billing.may(Ability::Reports) && !billing.may(Ability::ManagePeople) && !billing.may(Ability::EditKnowledgeBase));
    }

    #[test]
    fn an_admin_sees_everything_and_may_do_everything() {
        let admin = member(&[Role::Admin], &[]);
        assert_eq!(admin.scope(), Scope::Everything);
        assert!(admin.may_see_case("privacy", false));
        for ability in [Ability::WorkCases, Ability::Reports, Ability::Reassign, Ability::ManagePeople, Ability::ReadAudit, Ability::RequesterData, Ability::EditKnowledgeBase, Ability::PlanShifts] {
            assert!(admin.may(ability), "{ability:?}");
        }
    }

    #[test]
    fn a_lead_reports_and_reassigns_within_their_departments() {
        let lead = member(&[Role::Lead], &["billing"]);
        let agent = Member { id: "a".into(), ..member(&[Role::Agent], &["billing"]) };
        let outsider = Member { id: "o".into(), ..member(&[Role::Agent], &["security"]) };
        assert!(lead.may(Ability::Reports) && lead.may(Ability::PlanShifts));
        assert!(lead.may_assign("billing", Some(("a", &agent))));
        assert!(!lead.may_assign("billing", Some(("o", &outsider))), "the new owner must work the department");
        assert!(!lead.may_assign("security", Some(("o", &outsider))), "not the lead's department");
        assert!(!agent.may_assign("billing", Some(("m", &lead))), "an agent only takes or leaves cases");
        assert!(agent.may_assign("billing", Some(("a", &agent))) && agent.may_assign("billing", None));
    }

    #[test]
    fn an_editor_alone_sees_no_cases_and_an_agent_may_also_edit() {
        let editor = member(&[Role::Editor], &["billing"]);
        assert!(editor.may(Ability::EditKnowledgeBase));
        assert!(!editor.may_see_case("billing", false));
        assert_eq!(editor.scope().of(&["billing".to_string()]).len(), 0);
        let both = member(&[Role::Agent, Role::Editor], &["billing"]);
        assert!(both.may(Ability::EditKnowledgeBase) && both.may_see_case("billing", false));
    }

    #[test]
    fn roles_are_checked() {
        assert!(roles(&[]).is_err());
        assert!(roles(&[Role::Agent, Role::Agent]).is_err());
        assert_eq!(roles(&[Role::Lead, Role::Editor]).unwrap(), vec![Role::Lead, Role::Editor]);
    }
}
