//! Staffing's routes (edge/openapi.yaml under /api/v1/staffing): the shift plan, the forecast and
//! the measured demand.

use browser_kit::http::EdgeError;
use wire::staffing::{AgentPlan, Demand, Forecast, HolidaysUpdate, PlanUpdate, StaffingPlan};

use super::{encode, Api};

impl Api {
    pub async fn staffing_plan(&self) -> Result<StaffingPlan, EdgeError> {
        self.call("GET", "/staffing/plan", None::<&()>).await
    }

    pub async fn set_plan(&self, agent_id: &str, update: &PlanUpdate) -> Result<AgentPlan, EdgeError> {
        self.call("PUT", &format!("/staffing/plan/{}", encode(agent_id)), Some(update)).await
    }

    pub async fn set_holidays(&self, update: &HolidaysUpdate) -> Result<HolidaysUpdate, EdgeError> {
        self.call("PUT", "/staffing/holidays", Some(update)).await
    }

    /// `query` is the policy and what-ifs, already a query string.
    pub async fn forecast(&self, query: &str) -> Result<Forecast, EdgeError> {
        self.call("GET", &format!("/staffing/forecast?{query}"), None::<&()>).await
    }

    pub async fn demand(&self, from: &str, to: &str) -> Result<Demand, EdgeError> {
        self.call("GET", &format!("/staffing/demand?from={}&to={}", encode(from), encode(to)), None::<&()>).await
    }
}
