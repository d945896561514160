//! A callback instead of a chat: when nobody can chat now, the user leaves a phone number and a
//! time, and the request becomes a ticket on the hotline channel, routed like any other.

use wire::tickets::{Callback, CallbackRequest, Channel, NewTicket, TicketContext};

use crate::{limits, DeskError, Millis, Site, DAY};

/// How far ahead a callback may be booked.
pub const HORIZON: Millis = 14 * DAY;
/// A time picked "now" in the browser has passed by the time it arrives; this much is forgiven.
const CLOCK_SLACK: Millis = 5 * 60 * 1000;
/// Digits of a dialable number, country code included (E.164 has at most 15; room for an
/// extension).
const MIN_DIGITS: usize = 6;
const MAX_DIGITS: usize = 20;
/// Time zones span UTC−12 to UTC+14.
const UTC_OFFSETS: std::ops::RangeInclusive<i64> = -12 * 60..=14 * 60;

/// Checks the phone number and time and turns the request into the ticket to file. The rest
/// (category, name, email, context) is checked when the ticket is filed.
pub fn ticket_request(site: &Site, request: &CallbackRequest, now: Millis) -> Result<NewTicket, DeskError> {
    let phone = phone(&request.phone)?;
    if request.at < now - CLOCK_SLACK {
        return Err(DeskError::invalid("at", "must not be in the past"));
    }
    if request.at > now + HORIZON {
        return Err(DeskError::invalid("at", "must be at most 14 days ahead"));
    }
    if !site.chat_open(request.at) {
        return Err(DeskError::invalid("at", format!("must be within the hotline's hours ({})", site.business_hours)));
    }
    if request.utc_offset_minutes.is_some_and(|offset| !UTC_OFFSETS.contains(&offset)) {
        return Err(DeskError::invalid("utc_offset_minutes", "must be minutes east of UTC, from -720 to 840"));
    }
    let about = &request.about;
    let message = limits::required("message", &about.message, limits::TEXT)?;
    Ok(NewTicket {
        subject: limits::subject_or_opening(about.subject.as_deref(), &message),
        description: message,
        category: about.category.clone(),
        name: about.name.clone(),
        email: about.email.clone(),
        channel: Channel::Hotline,
        context: TicketContext { callback: Some(Callback { phone, at: request.at, utc_offset_minutes: request.utc_offset_minutes }), ..about.context.clone() },
    })
}

/// A number as people write it: digits, an optional leading `+`, and spaces, `-` or parentheses
/// between them.
fn phone(phone: &str) -> Result<String, DeskError> {
    let phone = phone.trim();
    limits::at_most("phone", phone, limits::PHONE)?;
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone.chars().enumerate().all(|(i, c)| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')') || (c == '+' && i == 0));
    if !allowed || !(MIN_DIGITS..=MAX_DIGITS).contains(&digits) {
        return Err(DeskError::invalid("phone", format!("must be a phone number of {MIN_DIGITS} to {MAX_DIGITS} digits")));
    }
    Ok(phone.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::HOUR;

    /// 2027-01-15 00:00 UTC, i.e. 08:00 at UTC+8.
    const NOW: Millis = 1_800_000_000_000 - 1_800_000_000_000 % DAY;

    fn site(hours: serde_json::Value) -> Site {
        serde_json::from_value(serde_json::json!({
            "id": "demo", "name": "Demo", "locales": ["zh-cn"], "allowed_origins": [],
            "departments": ["general"], "default_department": "general", "categories": {"账号管理": "general"},
            "business_hours": "09:00–21:00 (UTC+8)", "hotline": "400", "secret_var": "S", "chat_hours": hours
        }))
        .unwrap()
    }

    fn request(phone: &str, at: Millis) -> CallbackRequest {
        serde_json::from_value(serde_json::json!({
            "phone": phone, "at": at, "utc_offset_minutes": 480, "message": "登录不上，请给我回电话", "category": "账号管理",
            "context": {"searches": ["登录"], "callback": {"phone": "110", "at": 0}}
        }))
        .unwrap()
    }

    fn refused(site: &Site, request: &CallbackRequest) -> String {
        match ticket_request(site, request, NOW) {
            Err(DeskError::Invalid { field, .. }) => field,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_callback_is_a_hotline_ticket_carrying_the_number_time_and_journey() {
        let ticket = ticket_request(&site(serde_json::Value::Null), &request(" +86 (138) 0013-8000 ", NOW + HOUR), NOW).unwrap();
        assert_eq!(ticket.channel, Channel::Hotline);
        assert_eq!(ticket.subject, "登录不上，请给我回电话");
        assert_eq!(ticket.context.callback, Some(Callback { phone: "+86 (138) 0013-8000".into(), at: NOW + HOUR, utc_offset_minutes: Some(480) }));
        assert_eq!(ticket.context.searches, ["登录"]);
    }

    #[test]
    fn numbers_that_cannot_be_dialled_are_refused() {
        let site = site(serde_json::Value::Null);
        for phone in ["", "12345", "138-abc-8000", "86+13800138000", "123456789012345678901"] {
            assert_eq!(refused(&site, &request(phone, NOW + HOUR)), "phone", "{phone:?}");
        }
    }

    #[test]
    fn the_time_is_ahead_within_two_weeks_and_within_the_hours() {
        let open_nine_to_nine = site(serde_json::json!({"utc_offset_minutes": 480, "open": "09:00", "close": "21:00"}));
        assert_eq!(refused(&open_nine_to_nine, &request("13800138000", NOW - HOUR)), "at");
        assert_eq!(refused(&open_nine_to_nine, &request("13800138000", NOW + HORIZON + HOUR)), "at");
        // 08:30 at UTC+8 is before opening; 09:30 is fine.
        assert_eq!(refused(&open_nine_to_nine, &request("13800138000", NOW + HOUR / 2)), "at");
        assert!(ticket_request(&open_nine_to_nine, &request("13800138000", NOW + 3 * HOUR / 2), NOW).is_ok());
    }

    #[test]
    fn a_time_zone_off_the_globe_is_refused() {
        let site = site(serde_json::Value::Null);
        for offset in [-721, 841] {
            let mut request = request("13800138000", NOW + HOUR);
            request.utc_offset_minutes = Some(offset);
            assert_eq!(refused(&site, &request), "utc_offset_minutes");
        }
        let mut unknown = request("13800138000", NOW + HOUR);
        unknown.utc_offset_minutes = None;
        assert_eq!(ticket_request(&site, &unknown, NOW).unwrap().context.callback.unwrap().utc_offset_minutes, None);
    }

    #[test]
    fn a_blank_message_is_refused_by_name() {
        let mut blank = request("13800138000", NOW + HOUR);
        blank.about.message = "  ".into();
        assert_eq!(refused(&site(serde_json::Value::Null), &blank), "message");
    }
}
