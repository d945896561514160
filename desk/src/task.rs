//! One case, several departments: the rules of linked tasks. A case's owner (whoever works the
//! case's department) asks another department a question; that department answers inside the
//! task. Each task has its own status and due time — the SLA policy's first-response target for
//! the case's priority ([`crate::sla::targets`]), counted from when the task was opened, since a
//! task is a question another department must answer. A case with open tasks is not solved or
//! closed unless the change says what becomes of them.

use wire::tasks::{NewTask, OpenTasks, TaskStatus};
use wire::tickets::Status;

use crate::team::Member;
use crate::{limits, sla, DeskError, Millis, Site, Ticket};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Task {
    pub id: String,
    pub site: String,
    pub ticket_id: String,
    pub department: String,
    pub question: String,
    pub assignee: Option<String>,
    pub status: TaskStatus,
    pub opened_by: String,
    pub opened_at: Millis,
    pub due_at: Millis,
    pub closed_at: Option<Millis>,
    /// Bumped by every change; the store refuses to write over a newer version.
    pub version: i64,
}

/// How a person reaches a case: through its department (they own it), as a collaborator added
/// to it, or only through a task asked of one of their departments (they help).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    Owner,
    Collaborator,
    Helper,
}

impl Reach {
    /// Internal notes on the case: its department's and its collaborators'. A helper writes on
    /// the task's thread instead.
    pub fn may_note(self) -> bool {
        matches!(self, Reach::Owner | Reach::Collaborator)
    }
}

/// Who is told, once, that a task asked of `department` went past its due time: the department's
/// leads (an admin leads no department, and reads the queue instead).
pub fn told_when_overdue<'a>(department: &str, team: &'a [Member]) -> Vec<&'a str> {
    team.iter().filter(|m| m.leads(department)).map(|m| m.id.as_str()).collect()
}

/// Whether and how `member` reaches a case of `department` whose tasks (not cancelled) were
/// asked of `task_departments`; `collaborator`: they were added to it.
pub fn reach<'a>(member: &Member, department: &str, mut task_departments: impl Iterator<Item = &'a str>, collaborator: bool) -> Option<Reach> {
    if member.may_see_case(department, false) {
        Some(Reach::Owner)
    } else if member.may_see_case(department, collaborator) {
        Some(Reach::Collaborator)
    } else if task_departments.any(|d| member.may_see_case(d, false)) {
        Some(Reach::Helper)
    } else {
        None
    }
}

/// Whether `person` may be added to a case of `department` as a collaborator: someone who works
/// cases, of another department (the case's own already see it).
pub fn may_collaborate(person: &Member, department: &str) -> Result<(), DeskError> {
    if !person.may(crate::team::Ability::WorkCases) {
        return Err(DeskError::invalid("agent_id", "does not work cases"));
    }
    if person.may_see_case(department, false) {
        return Err(DeskError::invalid("agent_id", "already works the case's department"));
    }
    Ok(())
}

impl Task {
    /// Opens a task on `case` for another department of the site. `assignee` has been checked
    /// by the caller to be a person who may work that department. The case's version moves too,
    /// so a solve that read the case before this task existed cannot be stored over it.
    pub fn open(id: String, site: &Site, case: &mut Ticket, opened_by: &str, request: &NewTask, now: Millis) -> Result<Task, DeskError> {
        let question = limits::required("question", &request.question, limits::TEXT)?;
        let department = limits::required("department", &request.department, limits::CATEGORY)?;
        if !site.has_department(&department) {
            return Err(DeskError::invalid("department", format!("{department} is not a department of this site")));
        }
        if department == case.department {
            return Err(DeskError::invalid("department", "the case is already this department's: ask another one"));
        }
        if matches!(case.status, Status::Solved | Status::Closed) {
            return Err(DeskError::NotNow("the case is solved or closed; reopen it before asking another department".into()));
        }
        let assignee = request.assignee.as_deref().map(str::trim).filter(|a| !a.is_empty()).map(str::to_string);
        case.version += 1;
        case.updated_at = now;
        Ok(Task {
            id,
            site: site.id.clone(),
            ticket_id: case.id.clone(),
            department,
            question,
            assignee,
            status: TaskStatus::Open,
            opened_by: opened_by.to_string(),
            opened_at: now,
            due_at: now + sla::targets(case.priority).0,
            closed_at: None,
            version: 1,
        })
    }

    /// A message on the thread, from either department: while the task is open, or after its
    /// answer (a follow-up question); a cancelled task takes none. Messages only add to the
    /// thread, so they leave the version alone and never race each other.
    pub fn message(&self, text: &str) -> Result<String, DeskError> {
        let text = limits::text(text)?;
        if self.status == TaskStatus::Cancelled {
            return Err(DeskError::NotNow("the task was cancelled".into()));
        }
        Ok(text)
    }

    /// The asked department's answer: closes an open task.
    pub fn answer(&mut self, text: &str, now: Millis) -> Result<String, DeskError> {
        let text = limits::text(text)?;
        self.refuse_unless_open()?;
        self.status = TaskStatus::Answered;
        self.closed_at = Some(now);
        self.version += 1;
        Ok(text)
    }

    /// The owner withdraws the question (or solves the case without waiting for it).
    pub fn cancel(&mut self, now: Millis) -> Result<(), DeskError> {
        self.refuse_unless_open()?;
        self.status = TaskStatus::Cancelled;
        self.closed_at = Some(now);
        self.version += 1;
        Ok(())
    }

    /// Who of the asked department works it (checked by the caller); `None`: nobody.
    pub fn assign(&mut self, assignee: Option<String>) -> Result<bool, DeskError> {
        self.refuse_unless_open()?;
        if assignee == self.assignee {
            return Ok(false);
        }
        self.assignee = assignee;
        self.version += 1;
        Ok(true)
    }

    /// Open past its due time: flagged on the case and in the department's queue.
    pub fn overdue(&self, now: Millis) -> bool {
        self.status == TaskStatus::Open && now > self.due_at
    }

    fn refuse_unless_open(&self) -> Result<(), DeskError> {
        match self.status {
            TaskStatus::Open => Ok(()),
            TaskStatus::Answered => Err(DeskError::NotNow("the task was answered already".into())),
            TaskStatus::Cancelled => Err(DeskError::NotNow("the task was cancelled".into())),
        }
    }
}

/// What may be done on a task by someone who reaches its case as `reach`, when they also work
/// the task's department (`of_department`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskAction {
    Message,
    Answer,
    Cancel,
    Assign,
}

/// The owner's side asks, talks and cancels; the asked department talks, answers and assigns.
/// An admin (who reaches every case as owner and works every department) does both.
pub fn may(action: TaskAction, reach: Reach, of_department: bool) -> bool {
    match action {
        TaskAction::Message => true,
        TaskAction::Cancel => reach == Reach::Owner,
        TaskAction::Answer | TaskAction::Assign => of_department,
    }
}

/// Why solving or closing a case was refused: its open tasks and no word on them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenTasksRemain(pub Vec<String>);

/// Before a case moves to `to`: the ids of the open tasks to cancel with the change. Solving or
/// closing with open tasks needs `choice`; other changes leave tasks alone.
pub fn before_status_change(to: Option<Status>, open: &[&Task], choice: Option<OpenTasks>) -> Result<Vec<String>, OpenTasksRemain> {
    let open: Vec<String> = open.iter().filter(|t| t.status == TaskStatus::Open).map(|t| t.id.clone()).collect();
    if open.is_empty() || !matches!(to, Some(Status::Solved | Status::Closed)) {
        return Ok(Vec::new());
    }
    match choice {
        None => Err(OpenTasksRemain(open)),
        Some(OpenTasks::Keep) => Ok(Vec::new()),
        Some(OpenTasks::Cancel) => Ok(open),
    }
}

#[cfg(test)]
mod tests {
    use wire::team::Role;
    use wire::tickets::{Channel, NewTicket, Priority, TicketContext};

    use super::*;
    use crate::{Requester, DAY, HOUR};

    fn site() -> Site {
        serde_json::from_value(serde_json::json!({
            "id": "demo", "name": "Demo", "locales": ["zh-cn"], "allowed_origins": [],
            "departments": ["general", "billing", "security"], "default_department": "general",
            "categories": {"账号安全": "security"}, "business_hours": "", "hotline": "", "secret_var": "S"
        }))
        .unwrap()
    }

    fn case(priority: Priority) -> Ticket {
        let request = NewTicket { subject: "账号被盗".into(), description: "还被扣了钱".into(), category: "账号安全".into(), name: None, email: None, channel: Channel::Web, context: TicketContext::default() };
        let requester = Requester { user_id: Some("u".into()), token_digest: None, name: None, email: None };
        let (mut t, _) = Ticket::file("t1".into(), &site(), &request, requester, 0).unwrap();
        t.priority = priority;
        t
    }

    fn ask(department: &str) -> NewTask {
        NewTask { department: department.into(), question: " 这笔扣费能退吗？ ".into(), assignee: None }
    }

    fn member(roles: &[Role], departments: &[&str]) -> Member {
        Member { id: "m".into(), roles: roles.to_vec(), departments: departments.iter().map(|d| d.to_string()).collect() }
    }

    #[test]
    fn a_task_is_due_by_the_sla_for_the_cases_priority() {
        let task = Task::open("k".into(), &site(), &mut case(Priority::Urgent), "Sam", &ask("billing"), 1000).unwrap();
        assert_eq!((task.status, task.due_at, task.question.as_str()), (TaskStatus::Open, 1000 + sla::targets(Priority::Urgent).0, "这笔扣费能退吗？"));
        let normal = Task::open("k".into(), &site(), &mut case(Priority::Normal), "Sam", &ask("billing"), 1000).unwrap();
        assert_eq!(normal.due_at, 1000 + 8 * HOUR);
        assert!(!normal.overdue(1000 + 8 * HOUR) && normal.overdue(1001 + 8 * HOUR));
    }

    #[test]
    fn an_overdue_task_is_told_to_the_leads_of_the_department_asked() {
        let named = |id: &str, roles: &[Role], departments: &[&str]| Member { id: id.into(), ..member(roles, departments) };
        let team = [
            named("lee", &[Role::Lead], &["billing"]),
            named("bo", &[Role::Agent], &["billing"]),
            named("lia", &[Role::Lead], &["security"]),
            named("ada", &[Role::Admin], &[]),
            named("kai", &[Role::Agent, Role::Lead], &["security", "billing"]),
        ];
        assert_eq!(told_when_overdue("billing", &team), vec!["lee", "kai"]);
    }

    #[test]
    fn a_task_asks_another_real_department_of_an_unsolved_case() {
        let open = |c: &Ticket, d: &str| Task::open("k".into(), &site(), &mut c.clone(), "Sam", &ask(d), 0);
        let c = case(Priority::Normal);
        assert!(matches!(open(&c, "security"), Err(DeskError::Invalid { field, .. }) if field == "department"));
        assert!(matches!(open(&c, "lottery"), Err(DeskError::Invalid { field, .. }) if field == "department"));
        let blank = Task::open("k".into(), &site(), &mut c.clone(), "Sam", &NewTask { question: "  ".into(), ..ask("billing") }, 0);
        assert!(matches!(blank, Err(DeskError::Invalid { field, .. }) if field == "question"));
        let solved = Ticket { status: Status::Solved, ..c.clone() };
        assert!(matches!(open(&solved, "billing"), Err(DeskError::NotNow(_))));
        let mut asked = c.clone();
        Task::open("k".into(), &site(), &mut asked, "Sam", &ask("billing"), 9).unwrap();
        assert_eq!((asked.version, asked.updated_at), (c.version + 1, 9), "opening a task moves the case's version");
    }

    #[test]
    fn an_answer_closes_the_task_once_and_a_cancelled_task_takes_nothing() {
        let mut task = Task::open("k".into(), &site(), &mut case(Priority::Normal), "Sam", &ask("billing"), 0).unwrap();
        assert_eq!(task.message(" 在查 ").unwrap(), "在查");
        assert_eq!(task.answer("可以退", 5).unwrap(), "可以退");
        assert_eq!((task.status, task.closed_at), (TaskStatus::Answered, Some(5)));
        assert!(!task.overdue(i64::MAX), "an answered task is never overdue");
        assert!(task.answer("又一次", 6).is_err(), "a second answer is refused, not stored");
        assert!(task.cancel(6).is_err() && task.assign(Some("x".into())).is_err());
        assert!(task.message("还有一个问题").is_ok(), "a follow-up on an answered task");
        let mut cancelled = Task::open("k".into(), &site(), &mut case(Priority::Normal), "Sam", &ask("billing"), 0).unwrap();
        cancelled.cancel(3).unwrap();
        assert!(cancelled.message("?").is_err() && cancelled.answer("!", 4).is_err());
    }

    #[test]
    fn every_change_of_the_task_moves_the_version() {
        let mut task = Task::open("k".into(), &site(), &mut case(Priority::Normal), "Sam", &ask("billing"), 0).unwrap();
        assert_eq!(task.assign(Some("bo".into())), Ok(true));
        assert_eq!(task.assign(Some("bo".into())), Ok(false), "no change, no new version");
        task.message("a").unwrap();
        assert_eq!(task.version, 2, "a message only adds to the thread");
        task.answer("b", 1).unwrap();
        assert_eq!(task.version, 3);
    }

    #[test]
    fn the_owner_reaches_the_case_and_the_asked_department_reaches_it_through_the_task() {
        let security = member(&[Role::Agent], &["security"]);
        let billing = member(&[Role::Agent], &["billing"]);
        let admin = member(&[Role::Admin], &[]);
        let editor = member(&[Role::Editor], &["billing"]);
        assert_eq!(reach(&security, "security", ["billing"].into_iter(), false), Some(Reach::Owner));
        assert_eq!(reach(&billing, "security", ["billing"].into_iter(), false), Some(Reach::Helper));
        assert_eq!(reach(&billing, "security", ["general"].into_iter(), false), None);
        assert_eq!(reach(&billing, "security", ["billing"].into_iter(), true), Some(Reach::Collaborator), "a collaborator also notes");
        assert_eq!(reach(&admin, "security", std::iter::empty(), false), Some(Reach::Owner));
        assert_eq!(reach(&editor, "security", ["billing"].into_iter(), true), None, "an editor alone works no cases");
        assert!(Reach::Owner.may_note() && Reach::Collaborator.may_note() && !Reach::Helper.may_note());
        assert!(may_collaborate(&billing, "security").is_ok());
        assert!(may_collaborate(&security, "security").is_err(), "the case's own department sees it already");
        assert!(may_collaborate(&editor, "security").is_err());
        assert!(may_collaborate(&admin, "security").is_err(), "an admin sees every case");
        assert!(may(TaskAction::Answer, Reach::Helper, true) && !may(TaskAction::Answer, Reach::Owner, false));
        assert!(may(TaskAction::Cancel, Reach::Owner, false) && !may(TaskAction::Cancel, Reach::Helper, true));
        assert!(may(TaskAction::Message, Reach::Owner, false) && may(TaskAction::Message, Reach::Helper, true));
        assert!(may(TaskAction::Assign, Reach::Helper, true) && !may(TaskAction::Assign, Reach::Owner, false));
    }

    #[test]
    fn solving_with_open_tasks_needs_a_word_on_them() {
        let mut c = case(Priority::Normal);
        let open = Task::open("a".into(), &site(), &mut c, "Sam", &ask("billing"), 0).unwrap();
        let mut answered = Task::open("b".into(), &site(), &mut c, "Sam", &ask("general"), 0).unwrap();
        answered.answer("ok", 1).unwrap();
        let tasks = [&open, &answered];
        assert_eq!(before_status_change(Some(Status::Solved), &tasks, None), Err(OpenTasksRemain(vec!["a".into()])));
        assert_eq!(before_status_change(Some(Status::Closed), &tasks, None), Err(OpenTasksRemain(vec!["a".into()])));
        assert_eq!(before_status_change(Some(Status::Solved), &tasks, Some(OpenTasks::Cancel)), Ok(vec!["a".into()]));
        assert_eq!(before_status_change(Some(Status::Solved), &tasks, Some(OpenTasks::Keep)), Ok(vec![]));
        assert_eq!(before_status_change(Some(Status::Pending), &tasks, None), Ok(vec![]), "only solving and closing ask");
        assert_eq!(before_status_change(None, &tasks, None), Ok(vec![]));
        assert_eq!(before_status_change(Some(Status::Solved), &[&answered], None), Ok(vec![]));
    }

    #[test]
    fn a_task_kept_open_holds_its_solved_case_past_the_sweeps_close_until_it_is_answered() {
        use crate::sweep::{CLOSE_AFTER, FOLLOW_UP_AFTER};
        use wire::tickets::Change;
        let mut c = case(Priority::Normal);
        let mut task = Task::open("k".into(), &site(), &mut c, "Sam", &ask("billing"), 0).unwrap();
        assert_eq!(before_status_change(Some(Status::Solved), &[&task], Some(OpenTasks::Keep)), Ok(vec![]));
        c.status = Status::Solved;
        c.solved_at = Some(HOUR);
        let asked = c.sweep(HOUR + FOLLOW_UP_AFTER, task.status == TaskStatus::Open);
        assert!(matches!(asked.as_slice(), [e] if matches!(e.change, Change::FollowUpAsked)), "the follow-up is asked as usual");
        assert!(c.sweep(HOUR + CLOSE_AFTER + DAY, task.status == TaskStatus::Open).is_empty(), "not closed while the task waits");
        assert_eq!(c.status, Status::Solved);
        task.answer("已退款", HOUR + CLOSE_AFTER + 2 * DAY).unwrap();
        let closed = c.sweep(HOUR + CLOSE_AFTER + 2 * DAY + 1, task.status == TaskStatus::Open);
        assert_eq!(closed.len(), 1);
        assert_eq!(c.status, Status::Closed, "the next sweep after the answer closes it");
    }
}
