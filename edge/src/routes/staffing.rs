//! `/api/v1/staffing` (leads and admins): the shift plan (each agent's week template and dated
//! exceptions, the site's holidays), the forecast of agents needed against those planned, and
//! the measured demand per 15 minutes with the desk's occupancy.

use std::collections::BTreeMap;

use desk::analytics::day_range;
use staffing::demand::{chat_contacts, slots, ticket_contacts};
use staffing::lines::{desk_week, ticket_policy, Lines};
use staffing::patience::{measured, model_for, ChatModel, Fallback};
use staffing::plan::{check, Exception, PlanError, Work};
use staffing::{typical_week, with_departments, Policy, Shift, Target, WhatIf};
use wire::staffing::{AgentPlan, ChatLineModel, Demand, DemandSlot, Forecast, ForecastHour, HolidaysUpdate, ModelFallback, OccupancySlot, PlanException, PlanUpdate, PlannedShift, QueueModel, StaffingPlan};
use wire::team::AuditAction;
use wire::tickets::Priority;
use worker::{Request, Response};

use crate::api::caller::Agent;
use crate::api::{json, query, reply, ApiError, Call};
use crate::sites;
use crate::store::audit::{self, Actor};
use crate::store::{people, staffing as store};

const WEEK_MS: i64 = 7 * 86_400_000;

impl From<PlanError> for ApiError {
    fn from(error: PlanError) -> ApiError {
        ApiError::invalid(error.field, error.message)
    }
}

/// `GET /api/v1/staffing/plan`
pub async fn plan(_req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let site = site_of(&agent)?;
    let stored = store::plan(&call.db, &agent.site).await?;
    let scope = agent.scope();
    let agents = people::list(&call.db, &agent.site)
        .await?
        .into_iter()
        .filter(|person| person.active && person.departments.iter().any(|d| scope.includes(d)))
        .map(|person| AgentPlan {
            version: stored.versions.get(&person.id).copied().unwrap_or(0),
            shifts: stored.shifts.iter().filter(|s| s.agent_id == person.id).map(planned_shift).collect(),
            exceptions: stored.exceptions.iter().filter(|e| e.agent_id.as_deref() == Some(person.id.as_str())).map(plan_exception).collect(),
            agent_id: person.id,
            name: person.name,
            departments: person.departments,
        })
        .collect();
    let holidays = stored.exceptions.iter().filter(|e| e.agent_id.is_none()).map(|e| e.date.clone()).collect();
    let holidays_version = stored.versions.get(store::HOLIDAYS).copied().unwrap_or(0);
    reply(200, &StaffingPlan { utc_offset_minutes: site.utc_offset(), agents, holidays, holidays_version })
}

/// `PUT /api/v1/staffing/plan/:agent_id`: replaces one agent's plan, if still at `version`.
pub async fn set_plan(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let agent_id = call.param("agent_id")?;
    let update: PlanUpdate = json(&mut req).await?;
    let person = people::by_id(&call.db, &agent.site, &agent_id).await?.map(|s| s.person).filter(|p| p.active);
    let scope = agent.scope();
    let Some(person) = person.filter(|p| p.departments.iter().any(|d| scope.includes(d))) else {
        return Err(ApiError::NotFound("no such person among those you plan for"));
    };
    // A lead plans only the departments they lead; an admin any of the person's.
    let departments: Vec<String> = person.departments.iter().filter(|d| scope.includes(d)).cloned().collect();
    let shifts: Vec<Shift> = update
        .shifts
        .iter()
        .map(|s| Shift { agent_id: agent_id.clone(), department: s.department.clone(), weekday: s.weekday, start_minute: s.start_minute, end_minute: s.end_minute })
        .collect();
    let exceptions = update.exceptions.iter().map(|e| exception(&agent_id, e)).collect::<Result<Vec<_>, ApiError>>()?;
    check(&shifts, &exceptions, &departments)?;
    let detail = audit::detail(&[("shifts", shifts.len().to_string()), ("exceptions", exceptions.len().to_string())]);
    let actor = Actor::of(&req, &agent.site, Some(&agent.id), &agent.name)?;
    let entry = audit::record(&call.db, &actor, call.now, AuditAction::ShiftsPlanned, Some(&agent_id), &detail)?;
    let write = store::PlanWrite { agent_id: &agent_id, version: update.version, shifts: &shifts, exceptions: &exceptions };
    let version = store::replace(&call.db, &agent.site, write, call.now, entry).await?;
    reply(200, &AgentPlan { agent_id, name: person.name, departments: person.departments, version, shifts: update.shifts, exceptions: update.exceptions })
}

/// `PUT /api/v1/staffing/holidays`: replaces the site's holidays, if still at `version`.
pub async fn set_holidays(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let update: HolidaysUpdate = json(&mut req).await?;
    let mut dates = update.dates.clone();
    dates.sort();
    dates.dedup();
    let holidays: Vec<Exception> = dates.iter().map(|date| Exception { date: date.clone(), agent_id: None, work: None }).collect();
    check(&[], &holidays, &[]).map_err(|e| ApiError::invalid("dates", e.message))?;
    let detail = audit::detail(&[("dates", dates.join(", "))]);
    let actor = Actor::of(&req, &agent.site, Some(&agent.id), &agent.name)?;
    let entry = audit::record(&call.db, &actor, call.now, AuditAction::HolidaysChanged, None, &detail)?;
    let write = store::PlanWrite { agent_id: store::HOLIDAYS, version: update.version, shifts: &[], exceptions: &holidays };
    let version = store::replace(&call.db, &agent.site, write, call.now, entry).await?;
    reply(200, &HolidaysUpdate { version, dates })
}

/// `GET /api/v1/staffing/forecast?weeks=&share=&within=&occupancy=&concurrency=&growth=&handle=`
pub async fn forecast(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let site = site_of(&agent)?;
    let weeks = number(&req, "weeks", 4.0, 1.0, 26.0)? as u32;
    let target = Target { share: number(&req, "share", 0.8, 0.01, 0.99)?, within_secs: number(&req, "within", 20.0, 1.0, 3600.0)? };
    let policy = Policy { target, max_occupancy: number(&req, "occupancy", 0.85, 0.1, 1.0)?, concurrency: number(&req, "concurrency", 1.0, 1.0, 10.0)? as u32 };
    let what_if = WhatIf { growth: number(&req, "growth", 1.0, 0.0, 10.0)?, handle_factor: number(&req, "handle", 1.0, 0.1, 10.0)? };
    // Whole weeks up to the start of this one, so every hour of the week is counted `weeks` times.
    let offset = i64::from(site.utc_offset()) * 60_000;
    let until = week_start(call.now + offset) - offset;
    let since = until - i64::from(weeks) * WEEK_MS;
    let chats = store::chats(&call.db, &agent.site, since, until).await?;
    let tickets = store::tickets(&call.db, &agent.site, since, until).await?;
    let scope = agent.scope();
    let departments: Vec<String> = scope.of(&site.departments).into_iter().cloned().collect();
    let week_of = |contacts: &[staffing::week::Contact]| -> Vec<_> {
        with_departments(typical_week(contacts, until, weeks, site.utc_offset()), &departments).into_iter().filter(|h| scope.includes(&h.department)).collect()
    };
    let plan = store::plan(&call.db, &agent.site).await?;
    let (first_response, _) = desk::sla::targets(Priority::Normal);
    let patience = measured(&chats);
    let chat_models: BTreeMap<String, ChatModel> = departments.iter().map(|d| (d.clone(), model_for(&patience.get(d).copied().unwrap_or_default()))).collect();
    let tickets_policy = ticket_policy(&policy, first_response as f64 / 1000.0);
    let lines = Lines { chat_policy: &policy, chat_models: &chat_models, ticket_policy: &tickets_policy };
    let hours = desk_week(&week_of(&chat_contacts(&chats)), &week_of(&ticket_contacts(&tickets)), &plan.shifts, &lines, &what_if)
        .into_iter()
        .map(|h| ForecastHour {
            needed: h.needed(),
            department: h.department,
            hour: h.hour,
            arrivals_per_hour: h.chats.arrivals_per_hour,
            handle_secs: h.chats.handle_secs,
            chat_needed: h.chat_needed,
            ticket_arrivals_per_hour: h.tickets.arrivals_per_hour,
            ticket_handle_secs: h.tickets.handle_secs,
            ticket_needed: h.ticket_needed,
            planned: h.planned,
        })
        .collect();
    let chat_models = chat_models
        .into_iter()
        .map(|(department, model)| {
            let measured = patience.get(&department).copied().unwrap_or_default();
            let (model, fallback) = match model {
                ChatModel::ErlangA { .. } => (QueueModel::ErlangA, None),
                ChatModel::ErlangC(Fallback::NobodyLeft) => (QueueModel::ErlangC, Some(ModelFallback::NobodyLeft)),
                ChatModel::ErlangC(Fallback::TooFewLeft) => (QueueModel::ErlangC, Some(ModelFallback::TooFewLeft)),
            };
            ChatLineModel { department, model, waited: measured.waited, abandoned: measured.abandoned, patience_secs: measured.mean_secs(), fallback }
        })
        .collect();
    reply(200, &Forecast { weeks, utc_offset_minutes: site.utc_offset(), hours, chat_models })
}

/// `GET /api/v1/staffing/demand?from=YYYY-MM-DD&to=YYYY-MM-DD` (UTC days)
pub async fn demand(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let from = query(&req, "from")?.ok_or_else(|| ApiError::invalid("from", "is required"))?;
    let to = query(&req, "to")?.ok_or_else(|| ApiError::invalid("to", "is required"))?;
    let (start, end) = day_range(&from, &to)?;
    let scope = agent.scope();
    let chats = store::chats(&call.db, &agent.site, start, end).await?;
    let tickets = store::tickets(&call.db, &agent.site, start, end).await?;
    let mean = |total: f64, count: u32| (count > 0).then(|| total / f64::from(count));
    let slots = slots(&chats, &tickets)
        .into_iter()
        .filter(|s| scope.includes(&s.department))
        .map(|s| DemandSlot {
            slot: s.slot_ms,
            department: s.department,
            channel: s.channel.as_str().to_string(),
            arrivals: s.arrivals,
            answered: s.answered,
            mean_wait_secs: mean(s.wait_secs, s.answered),
            abandoned: s.abandoned,
            handled: s.handled,
            mean_handle_secs: mean(s.handle_secs, s.handled),
        })
        .collect();
    let occupancy = store::samples(&call.db, &agent.site, start, end)
        .await?
        .into_iter()
        .filter(|(_, department, ..)| scope.includes(department))
        .map(|(slot, department, online, chats, capacity)| {
            // Minutes with nobody online are not stored: they add nothing to the slot's sums.
            let per_minute = |sum: u32| f64::from(sum) / 15.0;
            OccupancySlot { slot, department, agents_online: per_minute(online), chats: per_minute(chats), occupancy: (capacity > 0).then(|| f64::from(chats) / f64::from(capacity)) }
        })
        .collect();
    reply(200, &Demand { from, to, slots, occupancy })
}

fn site_of(agent: &Agent) -> Result<&'static desk::Site, ApiError> {
    sites::all().get(&agent.site).ok_or(ApiError::NotFound("no such site"))
}

/// Monday 00:00 of the week `local_ms` falls in (1970-01-01 was a Thursday).
fn week_start(local_ms: i64) -> i64 {
    let day = local_ms.div_euclid(86_400_000);
    (day - (day + 3).rem_euclid(7)) * 86_400_000
}

/// A number from the query between `min` and `max`, or `default` when absent.
fn number(req: &Request, name: &'static str, default: f64, min: f64, max: f64) -> Result<f64, ApiError> {
    let Some(text) = query(req, name)? else { return Ok(default) };
    let value: f64 = text.parse().map_err(|_| ApiError::invalid(name, "must be a number"))?;
    if !(min..=max).contains(&value) {
        return Err(ApiError::invalid(name, format!("must be between {min} and {max}")));
    }
    Ok(value)
}

fn exception(agent_id: &str, e: &PlanException) -> Result<Exception, ApiError> {
    let work = match (&e.department, e.start_minute, e.end_minute) {
        (None, None, None) => None,
        (Some(department), Some(start_minute), Some(end_minute)) => Some(Work { department: department.clone(), start_minute, end_minute }),
        _ => return Err(ApiError::invalid("exceptions", "an exception names a department, a start and an end, or none of them (a day off)")),
    };
    Ok(Exception { date: e.date.clone(), agent_id: Some(agent_id.to_string()), work })
}

fn planned_shift(s: &Shift) -> PlannedShift {
    PlannedShift { department: s.department.clone(), weekday: s.weekday, start_minute: s.start_minute, end_minute: s.end_minute }
}

fn plan_exception(e: &Exception) -> PlanException {
    let work = e.work.as_ref();
    PlanException { date: e.date.clone(), department: work.map(|w| w.department.clone()), start_minute: work.map(|w| w.start_minute), end_minute: work.map(|w| w.end_minute) }
}
