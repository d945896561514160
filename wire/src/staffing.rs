//! Staffing's routes: the shifts leads plan (each agent's week template and dated exceptions,
//! the site's holidays), the forecast of agents needed against those planned, and the measured
//! demand — `edge/openapi.yaml` under `/api/v1/staffing`.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// A shift of the week template: on `weekday` (0 = Monday) from `start_minute` to `end_minute`
/// after local midnight; an end at or before the start runs past midnight.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct PlannedShift {
    pub department: String,
    pub weekday: u8,
    pub start_minute: u16,
    pub end_minute: u16,
}

/// On `date` (local `YYYY-MM-DD`) the agent works these hours instead of the template; without
/// a department, the day is off.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct PlanException {
    pub date: String,
    #[cfg_attr(feature = "serde", serde(default))]
    pub department: Option<String>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub start_minute: Option<u16>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub end_minute: Option<u16>,
}

/// One agent's plan as stored, with the version a change must name.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct AgentPlan {
    pub agent_id: String,
    pub name: String,
    pub departments: Vec<String>,
    /// 0 until the first plan is stored.
    pub version: i64,
    pub shifts: Vec<PlannedShift>,
    pub exceptions: Vec<PlanException>,
}

/// `GET /api/v1/staffing/plan`: the plans of the people the reader plans for, and the site's
/// holidays.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct StaffingPlan {
    pub utc_offset_minutes: i32,
    pub agents: Vec<AgentPlan>,
    pub holidays: Vec<String>,
    pub holidays_version: i64,
}

/// `PUT /api/v1/staffing/plan/{agent_id}`: the agent's whole plan, replacing what is stored at
/// `version`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct PlanUpdate {
    pub version: i64,
    pub shifts: Vec<PlannedShift>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub exceptions: Vec<PlanException>,
}

/// `PUT /api/v1/staffing/holidays`: the site's holidays (local dates), replacing those stored at
/// `version`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct HolidaysUpdate {
    pub version: i64,
    pub dates: Vec<String>,
}

/// One department's hour of the typical week (0 = Monday 00:00–01:00, local time), on both
/// lines: chats, and tickets (callbacks and mails with them) answered within the SLA.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ForecastHour {
    pub department: String,
    pub hour: u8,
    /// Chats arriving in this hour of the typical week, what-ifs applied.
    pub arrivals_per_hour: f64,
    pub handle_secs: f64,
    /// Agents the chat line needs.
    pub chat_needed: u32,
    /// Tickets arriving, their mean work time (the console's work sessions), and the agents
    /// they need for a first response within the SLA.
    pub ticket_arrivals_per_hour: f64,
    pub ticket_handle_secs: f64,
    pub ticket_needed: u32,
    /// Agents the department needs: both lines'.
    pub needed: u32,
    pub planned: f64,
}

/// The queue model a department's chat line was forecast with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(rename_all = "snake_case"))]
pub enum QueueModel {
    /// Users give up after a patience measured from the line's records.
    ErlangA,
    /// Users assumed never to give up (errs towards more agents).
    ErlangC,
}

/// Why a chat line was forecast with Erlang C.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize), serde(rename_all = "snake_case"))]
pub enum ModelFallback {
    /// Nobody left the line in the weeks read: no patience to measure.
    NobodyLeft,
    /// Too few left the line for their patience to be measured reliably.
    TooFewLeft,
}

/// A department's chat line: which model the forecast used, and what it was measured from.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ChatLineModel {
    pub department: String,
    pub model: QueueModel,
    /// Users who waited in line in the weeks read, and those of them who left it.
    pub waited: u32,
    pub abandoned: u32,
    /// Users' mean patience in seconds, when anyone left.
    pub patience_secs: Option<f64>,
    /// Why Erlang C; none for Erlang A.
    pub fallback: Option<ModelFallback>,
}

/// `GET /api/v1/staffing/forecast`: agents needed per department and hour of the typical week
/// (from the last `weeks` weeks' chats and tickets), beside those planned.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Forecast {
    pub weeks: u32,
    pub utc_offset_minutes: i32,
    pub hours: Vec<ForecastHour>,
    /// One per department of the forecast.
    pub chat_models: Vec<ChatLineModel>,
}

/// One 15-minute slot of measured demand for a department and channel.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct DemandSlot {
    pub slot: i64,
    pub department: String,
    /// `chat`, `ticket`, `callback` or `email`.
    pub channel: String,
    pub arrivals: u32,
    pub answered: u32,
    pub mean_wait_secs: Option<f64>,
    pub abandoned: u32,
    pub handled: u32,
    pub mean_handle_secs: Option<f64>,
}

/// The desk's mean load in a 15-minute slot, from the minute sweep's samples.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct OccupancySlot {
    pub slot: i64,
    pub department: String,
    pub agents_online: f64,
    pub chats: f64,
    /// Chats in progress over chat slots online; none when nobody was online.
    pub occupancy: Option<f64>,
}

/// `GET /api/v1/staffing/demand?from=&to=`: arrivals, waits, abandonment and handle times per
/// slot, and the desk's occupancy.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Demand {
    pub from: String,
    pub to: String,
    pub slots: Vec<DemandSlot>,
    pub occupancy: Vec<OccupancySlot>,
}
