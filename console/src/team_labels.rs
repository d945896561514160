//! The team's words in the agent's language: roles, token scopes, audited actions — and the
//! order the console lists them in.

use wire::team::{AuditAction, Role, TokenScope};

use crate::i18n::Text;

pub const ROLES: [Role; 4] = [Role::Admin, Role::Lead, Role::Agent, Role::Editor];

pub const SCOPES: [TokenScope; 4] = [TokenScope::Cases, TokenScope::Reports, TokenScope::People, TokenScope::KnowledgeBase];

pub const ACTIONS: [AuditAction; 44] = [
    AuditAction::SignIn,
    AuditAction::SignInFailed,
    AuditAction::Invited,
    AuditAction::InvitationAccepted,
    AuditAction::PersonChanged,
    AuditAction::Deactivated,
    AuditAction::Reactivated,
    AuditAction::CredentialsRotated,
    AuditAction::TokenCreated,
    AuditAction::TokenRevoked,
    AuditAction::RestrictedCaseRead,
    AuditAction::RequesterExported,
    AuditAction::RequesterErased,
    AuditAction::SettingsChanged,
    AuditAction::ArticlePublished,
    AuditAction::ArticleRolledBack,
    AuditAction::ArticleCreated,
    AuditAction::ArticleSaved,
    AuditAction::ArticleReviewRequested,
    AuditAction::ArticleSentBack,
    AuditAction::ArticleArchived,
    AuditAction::CategoryCreated,
    AuditAction::SectionCreated,
    AuditAction::TreeChanged,
    AuditAction::CategoryDeleted,
    AuditAction::SectionDeleted,
    AuditAction::VocabularyChanged,
    AuditAction::HelpCenterPublished,
    AuditAction::RegressionQueryAdded,
    AuditAction::RegressionQueryRemoved,
    AuditAction::MailSettingsChanged,
    AuditAction::MailLinksRevoked,
    AuditAction::KnowledgeBaseImported,
    AuditAction::KnowledgeBaseExported,
    AuditAction::ImageUploaded,
    AuditAction::TaskOpened,
    AuditAction::TaskMessagePosted,
    AuditAction::TaskAnswered,
    AuditAction::TaskCancelled,
    AuditAction::TaskAssigned,
    AuditAction::CollaboratorAdded,
    AuditAction::CollaboratorRemoved,
    AuditAction::ShiftsPlanned,
    AuditAction::HolidaysChanged,
];

pub fn role(r: Role) -> Text {
    match r {
        Role::Admin => Text::RoleAdmin,
        Role::Lead => Text::RoleLead,
        Role::Agent => Text::RoleAgent,
        Role::Editor => Text::RoleEditor,
    }
}

pub fn scope(s: TokenScope) -> Text {
    match s {
        TokenScope::Cases => Text::ScopeCases,
        TokenScope::Reports => Text::ScopeReports,
        TokenScope::People => Text::ScopePeople,
        TokenScope::KnowledgeBase => Text::ScopeKnowledgeBase,
    }
}

pub fn action(a: AuditAction) -> Text {
    match a {
        AuditAction::SignIn => Text::AuditSignIn,
        AuditAction::SignInFailed => Text::AuditSignInFailed,
        AuditAction::Invited => Text::AuditInvited,
        AuditAction::InvitationAccepted => Text::AuditInvitationAccepted,
        AuditAction::PersonChanged => Text::AuditPersonChanged,
        AuditAction::Deactivated => Text::AuditDeactivated,
        AuditAction::Reactivated => Text::AuditReactivated,
        AuditAction::CredentialsRotated => Text::AuditCredentialsRotated,
        AuditAction::TokenCreated => Text::AuditTokenCreated,
        AuditAction::TokenRevoked => Text::AuditTokenRevoked,
        AuditAction::RestrictedCaseRead => Text::AuditRestrictedCaseRead,
        AuditAction::RequesterExported => Text::AuditRequesterExported,
        AuditAction::RequesterErased => Text::AuditRequesterErased,
        AuditAction::SettingsChanged => Text::AuditSettingsChanged,
        AuditAction::ArticlePublished => Text::AuditArticlePublished,
        AuditAction::ArticleRolledBack => Text::AuditArticleRolledBack,
        AuditAction::ArticleCreated => Text::AuditArticleCreated,
        AuditAction::ArticleSaved => Text::AuditArticleSaved,
        AuditAction::ArticleReviewRequested => Text::AuditArticleReviewRequested,
        AuditAction::ArticleSentBack => Text::AuditArticleSentBack,
        AuditAction::ArticleArchived => Text::AuditArticleArchived,
        AuditAction::CategoryCreated => Text::AuditCategoryCreated,
        AuditAction::SectionCreated => Text::AuditSectionCreated,
        AuditAction::TreeChanged => Text::AuditTreeChanged,
        AuditAction::CategoryDeleted => Text::AuditCategoryDeleted,
        AuditAction::SectionDeleted => Text::AuditSectionDeleted,
        AuditAction::VocabularyChanged => Text::AuditVocabularyChanged,
        AuditAction::HelpCenterPublished => Text::AuditHelpCenterPublished,
        AuditAction::RegressionQueryAdded => Text::AuditRegressionQueryAdded,
        AuditAction::RegressionQueryRemoved => Text::AuditRegressionQueryRemoved,
        AuditAction::MailSettingsChanged => Text::AuditMailSettingsChanged,
        AuditAction::MailLinksRevoked => Text::AuditMailLinksRevoked,
        AuditAction::KnowledgeBaseImported => Text::AuditKnowledgeBaseImported,
        AuditAction::KnowledgeBaseExported => Text::AuditKnowledgeBaseExported,
        AuditAction::ImageUploaded => Text::AuditImageUploaded,
        AuditAction::TaskOpened => Text::AuditTaskOpened,
        AuditAction::TaskMessagePosted => Text::AuditTaskMessagePosted,
        AuditAction::TaskAnswered => Text::AuditTaskAnswered,
        AuditAction::TaskCancelled => Text::AuditTaskCancelled,
        AuditAction::TaskAssigned => Text::AuditTaskAssigned,
        AuditAction::CollaboratorAdded => Text::AuditCollaboratorAdded,
        AuditAction::CollaboratorRemoved => Text::AuditCollaboratorRemoved,
        AuditAction::ShiftsPlanned => Text::AuditShiftsPlanned,
        AuditAction::HolidaysChanged => Text::AuditHolidaysChanged,
    }
}

/// A wire enum's name as the edge spells it (its serde name), for a query or a CSV cell.
pub fn wire_name<T: serde::Serialize>(value: &T) -> String {
    serde_wasm_bindgen::to_value(value).ok().and_then(|v| v.as_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_is_listed_once_with_its_own_words() {
        let mut texts: Vec<Text> = ACTIONS.iter().map(|a| action(*a)).collect();
        texts.dedup();
        assert_eq!(texts.len(), ACTIONS.len());
    }
}
