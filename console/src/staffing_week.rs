//! The staffing screen's arithmetic, apart from its markup: clock times as the plan stores them
//! (minutes after local midnight), how each hour of the week compares needed with planned (the
//! heatmap's colours), and the forecast as CSV.

use wire::staffing::{Demand, Forecast, ForecastHour};

use crate::csv;

/// `HH:MM` (00:00–24:00) as minutes after midnight.
pub fn minutes(text: &str) -> Option<u16> {
    let (h, m) = text.split_once(':')?;
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    let total = h * 60 + m;
    (m < 60 && total <= 24 * 60).then_some(total)
}

/// Minutes after midnight as `HH:MM`.
pub fn clock(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// How one hour of the week is staffed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cover {
    /// Fewer agents planned than needed.
    Short,
    /// At least as many planned as needed, and some work.
    Met,
    /// Agents planned with nothing forecast.
    Idle,
    /// Nothing needed, nobody planned.
    Closed,
}

pub fn cover(hour: &ForecastHour) -> Cover {
    match (hour.needed, hour.planned) {
        (0, p) if p <= 0.0 => Cover::Closed,
        (0, _) => Cover::Idle,
        (n, p) if p + 1e-9 < f64::from(n) => Cover::Short,
        _ => Cover::Met,
    }
}

impl Cover {
    /// The CSS class of the heatmap's cell.
    pub fn class(self) -> &'static str {
        match self {
            Cover::Short => "short",
            Cover::Met => "met",
            Cover::Idle => "idle",
            Cover::Closed => "closed",
        }
    }
}

/// One department's 168 hours, Monday 00:00 first.
pub fn week_of<'a>(forecast: &'a Forecast, department: &str) -> Vec<&'a ForecastHour> {
    let mut hours: Vec<&ForecastHour> = forecast.hours.iter().filter(|h| h.department == department).collect();
    hours.sort_by_key(|h| h.hour);
    hours
}

/// The departments the forecast covers, in its order.
pub fn departments(forecast: &Forecast) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for hour in &forecast.hours {
        if !seen.contains(&hour.department) {
            seen.push(hour.department.clone());
        }
    }
    seen
}

/// The forecast as CSV: one line per department and hour of the week.
pub fn forecast_csv(forecast: &Forecast) -> String {
    let rows: Vec<Vec<String>> = forecast
        .hours
        .iter()
        .map(|h| {
            vec![
                h.department.clone(),
                (h.hour / 24).to_string(),
                clock(u16::from(h.hour % 24) * 60),
                csv::number(Some(h.arrivals_per_hour)),
                csv::number(Some(h.handle_secs)),
                h.chat_needed.to_string(),
                csv::number(Some(h.ticket_arrivals_per_hour)),
                csv::number(Some(h.ticket_handle_secs)),
                h.ticket_needed.to_string(),
                h.needed.to_string(),
                csv::number(Some(h.planned)),
            ]
        })
        .collect();
    let header = ["department", "weekday", "hour", "chats_per_hour", "handle_secs", "chat_agents", "tickets_per_hour", "ticket_work_secs", "ticket_agents", "agents_needed", "agents_planned"];
    csv::table(&header, &rows)
}

/// One department's day so far: chats arrived, left in line, answered (and their mean wait), and
/// the desk's latest 15-minute sample.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Today {
    pub department: String,
    pub arrived: u32,
    pub abandoned: u32,
    pub answered: u32,
    pub mean_wait_secs: Option<f64>,
    pub agents_online: Option<f64>,
    pub occupancy: Option<f64>,
}

/// Today's chat slots and samples, per department (slots and samples come oldest first).
pub fn today(demand: &Demand) -> Vec<Today> {
    let mut rows: Vec<Today> = Vec::new();
    let mut waited: Vec<f64> = Vec::new();
    fn row<'a>(rows: &'a mut Vec<Today>, waited: &mut Vec<f64>, department: &str) -> (&'a mut Today, usize) {
        let at = rows.iter().position(|r| r.department == department).unwrap_or_else(|| {
            rows.push(Today { department: department.to_string(), ..Today::default() });
            waited.push(0.0);
            rows.len() - 1
        });
        (&mut rows[at], at)
    }
    for slot in demand.slots.iter().filter(|s| s.channel == "chat") {
        let (today, at) = row(&mut rows, &mut waited, &slot.department);
        today.arrived += slot.arrivals;
        today.abandoned += slot.abandoned;
        today.answered += slot.answered;
        waited[at] += slot.mean_wait_secs.unwrap_or(0.0) * f64::from(slot.answered);
    }
    for sample in &demand.occupancy {
        let (today, _) = row(&mut rows, &mut waited, &sample.department);
        (today.agents_online, today.occupancy) = (Some(sample.agents_online), sample.occupancy);
    }
    for (today, waited) in rows.iter_mut().zip(waited) {
        today.mean_wait_secs = (today.answered > 0).then(|| waited / f64::from(today.answered));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hour(hour: u8, needed: u32, planned: f64) -> ForecastHour {
        let ticket_needed = needed.min(1);
        ForecastHour {
            department: "billing".into(),
            hour,
            arrivals_per_hour: 20.0,
            handle_secs: 180.0,
            chat_needed: needed - ticket_needed,
            ticket_arrivals_per_hour: 2.5,
            ticket_handle_secs: 600.0,
            ticket_needed,
            needed,
            planned,
        }
    }

    #[test]
    fn clock_times_read_and_write() {
        assert_eq!(minutes("09:30"), Some(570));
        assert_eq!(minutes("24:00"), Some(1440));
        assert_eq!(minutes("24:01"), None);
        assert_eq!(minutes("9h"), None);
        assert_eq!(clock(570), "09:30");
        assert_eq!(clock(1440), "24:00");
    }

    #[test]
    fn each_hour_is_short_met_idle_or_closed() {
        assert_eq!(cover(&hour(10, 3, 1.0)), Cover::Short);
        assert_eq!(cover(&hour(10, 3, 2.5)), Cover::Short, "half an agent short is short");
        assert_eq!(cover(&hour(10, 3, 3.0)), Cover::Met);
        assert_eq!(cover(&hour(10, 0, 1.0)), Cover::Idle);
        assert_eq!(cover(&hour(10, 0, 0.0)), Cover::Closed);
    }

    #[test]
    fn today_adds_up_the_chat_slots_and_keeps_the_latest_sample() {
        use wire::staffing::{DemandSlot, OccupancySlot};
        let slot = |slot, channel: &str, arrivals, answered, wait| DemandSlot {
            slot, department: "billing".into(), channel: channel.into(), arrivals, answered, mean_wait_secs: wait, abandoned: arrivals - answered, handled: 0, mean_handle_secs: None,
        };
        let sample = |slot, department: &str, online, occupancy| OccupancySlot { slot, department: department.into(), agents_online: online, chats: 0.0, occupancy };
        let demand = Demand {
            from: "d".into(),
            to: "d".into(),
            slots: vec![slot(0, "chat", 3, 2, Some(10.0)), slot(1, "chat", 1, 1, Some(40.0)), slot(1, "email", 5, 0, None)],
            occupancy: vec![sample(0, "billing", 1.0, Some(0.5)), sample(1, "billing", 2.0, Some(0.25)), sample(1, "security", 1.0, None)],
        };
        let rows = today(&demand);
        assert_eq!(rows[0], Today { department: "billing".into(), arrived: 4, abandoned: 1, answered: 3, mean_wait_secs: Some(20.0), agents_online: Some(2.0), occupancy: Some(0.25) });
        assert_eq!(rows[1], Today { department: "security".into(), agents_online: Some(1.0), ..Today::default() });
    }

    #[test]
    fn the_csv_has_a_line_per_department_and_hour() {
        let forecast = Forecast { weeks: 4, utc_offset_minutes: 480, hours: vec![hour(34, 3, 1.0), hour(0, 0, 0.0)], chat_models: Vec::new() };
        assert_eq!(
            forecast_csv(&forecast),
            "department,weekday,hour,chats_per_hour,handle_secs,chat_agents,tickets_per_hour,ticket_work_secs,ticket_agents,agents_needed,agents_planned\r\n\
             billing,1,10:00,20,180,2,2.5,600,1,3,1\r\nbilling,0,00:00,20,180,0,2.5,600,0,0,0\r\n"
        );
        assert_eq!(week_of(&forecast, "billing").iter().map(|h| h.hour).collect::<Vec<_>>(), vec![0, 34]);
        assert_eq!(departments(&forecast), vec!["billing".to_string()]);
    }
}
