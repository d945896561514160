//! Here is a site id: which origins may embed it, which department owns each category, and
//! which secret signs its users. The edge reads the sites from edge/sites.json (documented in
//! edge/README.md); the secret itself comes from the environment, never from that file.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::hours::ChatHours;
use crate::{DeskError, Millis};

#[derive(Clone, Debug, Deserialize)]
pub struct Site {
    pub id: String,
    pub name: String,
    /// The first one is the default locale.
    pub locales: Vec<String>,
    /// Exact origins (`https://help.example.com`), or `scheme://host:*` for any port.
    pub allowed_origins: Vec<String>,
    pub departments: Vec<String>,
    /// Each department's name per locale, for people (`billing` → `en-us` → `Billing`).
    #[serde(default)]
    pub department_names: BTreeMap<String, BTreeMap<String, String>>,
    /// Owns categories the map below does not name (none, in a well-kept config).
    pub default_department: String,
    /// FAQ category name (in any of the site's locales) → department.
    pub categories: BTreeMap<String, String>,
    /// Shown to requesters beside the ticket form.
    pub business_hours: String,
    pub hotline: String,
    /// When live chat is staffed; absent: around the clock (when agents are online).
    #[serde(default)]
    pub chat_hours: Option<ChatHours>,
    /// The site's time zone as minutes east of UTC (no daylight saving time), for shifts and
    /// business hours; absent: that of `chat_hours`, else UTC.
    #[serde(default)]
    pub utc_offset_minutes: Option<i32>,
    /// Whether tickets' SLA clocks stand still while nobody is planned for their department
    /// (shifts and holidays, planned in the console). Off: calendar time.
    #[serde(default)]
    pub sla_business_hours: bool,
    /// The environment variable (a wrangler secret) that holds the identity HMAC key.
    pub secret_var: String,
    /// Departments whose cases are sensitive (account takeovers, privacy requests): each read of
    /// one is recorded in the audit log.
    #[serde(default)]
    pub restricted_departments: Vec<String>,
}

impl Site {
    /// The department that owns tickets of this category; unknown categories are refused so a
    /// ticket never lands nowhere.
    pub fn department_for(&self, category: &str) -> Result<&str, DeskError> {
        self.categories
            .get(category)
            .map(String::as_str)
            .ok_or_else(|| DeskError::invalid("category", "is not one of the site's categories"))
    }

    pub fn has_department(&self, department: &str) -> bool {
        self.departments.iter().any(|d| d == department)
    }

    /// Whether a page on `origin` may call the API (CORS).
    pub fn origin_allowed(&self, origin: &str) -> bool {
        self.allowed_origins.iter().any(|allowed| match allowed.strip_suffix(":*") {
            Some(host) => origin
                .strip_prefix(host)
                .and_then(|rest| rest.strip_prefix(':'))
                .is_some_and(|port| !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit())),
            None => origin == allowed,
        })
    }

    pub fn utc_offset(&self) -> i32 {
        self.utc_offset_minutes.or(self.chat_hours.as_ref().map(|h| h.utc_offset_minutes)).unwrap_or(0)
    }

    /// Whether live chat is open at `now`.
    pub fn chat_open(&self, now: Millis) -> bool {
        self.chat_hours.as_ref().is_none_or(|hours| hours.is_open(now))
    }

    /// The locale a ticket is filed in: the requested one if the site has it, else the default.
    pub fn locale<'a>(&'a self, requested: Option<&'a str>) -> &'a str {
        requested.filter(|l| self.locales.iter().any(|s| s == l)).unwrap_or(&self.locales[0])
    }
}

/// Every configured site.
#[derive(Clone, Debug, Deserialize)]
#[serde(transparent)]
pub struct Sites(Vec<Site>);

impl Sites {
    pub fn get(&self, id: &str) -> Option<&Site> {
        self.0.iter().find(|s| s.id == id)
    }

    /// Every configured site (an inbound mail finds its site by the address it was sent to).
    pub fn iter(&self) -> impl Iterator<Item = &Site> {
        self.0.iter()
    }

    /// The site a request that names none is about (the help center's files under `/index/`):
    /// the first configured.
    pub fn first(&self) -> Option<&Site> {
        self.0.first()
    }

    /// Checks what serde cannot: every department named exists, and every site has a locale.
    pub fn check(&self) -> Result<(), String> {
        for site in &self.0 {
            if site.locales.is_empty() {
                return Err(format!("site {}: no locales", site.id));
            }
            let routed = site.categories.values().chain(std::iter::once(&site.default_department)).chain(&site.restricted_departments);
            if let Some(unknown) = routed.into_iter().find(|d| !site.has_department(d)) {
                return Err(format!("site {}: unknown department {unknown}", site.id));
            }
            if let Some(hours) = &site.chat_hours {
                hours.check().map_err(|e| format!("site {}: {e}", site.id))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Site {
        serde_json::from_value(serde_json::json!({
            "id": "demo", "name": "Demo", "locales": ["zh-cn", "en-us"],
            "allowed_origins": ["http://localhost:8787", "http://127.0.0.1:*"],
            "departments": ["general", "billing"], "default_department": "general",
            "categories": {"支付问题": "billing", "Payments and billing": "billing"},
            "business_hours": "09:00–21:00", "hotline": "400", "secret_var": "SITE_SECRET_DEMO"
        }))
        .unwrap()
    }

    #[test]
    fn any_port_patterns_match_ports_only() {
        let site = demo();
        assert!(site.origin_allowed("http://127.0.0.1:41234"));
        assert!(site.origin_allowed("http://localhost:8787"));
        assert!(!site.origin_allowed("http://localhost:8788"));
        assert!(!site.origin_allowed("http://127.0.0.1.evil.com:80"));
        assert!(!site.origin_allowed("http://127.0.0.1:"));
        assert!(!site.origin_allowed("https://127.0.0.1:443"));
    }

    #[test]
    fn categories_route_in_both_locales_and_unknown_ones_are_refused() {
        let site = demo();
        assert_eq!(site.department_for("支付问题"), Ok("billing"));
        assert_eq!(site.department_for("Payments and billing"), Ok("billing"));
        assert!(site.department_for("Lottery").is_err());
        assert_eq!(site.locale(Some("fr-fr")), "zh-cn");
        assert_eq!(site.locale(Some("en-us")), "en-us");
    }

    #[test]
    fn a_category_routed_to_a_missing_department_fails_the_check() {
        let mut site = demo();
        site.categories.insert("x".into(), "nowhere".into());
        assert!(Sites(vec![site]).check().unwrap_err().contains("nowhere"));
        assert!(Sites(vec![demo()]).check().is_ok());
    }
}

#[cfg(test)]
mod deployed {
    use super::Sites;

    /// The edge compiles edge/sites.json in; a broken file must fail here, not in production.
    #[test]
    fn the_edge_site_configuration_is_consistent() {
        let sites: Sites = serde_json::from_str(include_str!("../../edge/sites.json")).unwrap();
        sites.check().unwrap();
        let demo = sites.get("demo").unwrap();
        assert_eq!(demo.department_for("账号安全"), Ok("security"));
        assert_eq!(demo.department_for("Payments and billing"), Ok("billing"));
        assert!(demo.origin_allowed("http://127.0.0.1:50123"));
        for department in &demo.departments {
            for locale in &demo.locales {
                assert!(demo.department_names.get(department).and_then(|n| n.get(locale)).is_some(), "{department} has a {locale} name");
            }
        }
    }
}
