//! The configured sites, compiled in from edge/sites.json (see edge/README.md): origins,
//! locales, departments, category routing, hours, hotline and the name of each site's secret.

use std::sync::OnceLock;

use desk::Sites;

static SITES: OnceLock<Sites> = OnceLock::new();

pub fn all() -> &'static Sites {
    SITES.get_or_init(|| {
        let sites: Sites = serde_json::from_str(include_str!("../sites.json")).expect("edge/sites.json is valid (checked by desk's tests)");
        sites
    })
}
