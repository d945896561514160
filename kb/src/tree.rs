//! Categories and sections: the help center's tree, each category in one locale, each section in
//! one category that exists.

use wire::kb::{Category, NewCategory, NewSection, Section};
use wire::limits::KB_GROUP_NAME;

use crate::article::check_locale;
use crate::KbError;

fn check_name(name: &str) -> Result<String, KbError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(KbError::invalid("name", "a name is needed"));
    }
    if name.chars().count() > KB_GROUP_NAME {
        return Err(KbError::invalid("name", format!("at most {KB_GROUP_NAME} characters")));
    }
    Ok(name.to_string())
}

/// A new category `id`, if its locale is one of the site's and its name fits.
pub fn category(id: &str, new: &NewCategory, site_locales: &[String]) -> Result<Category, KbError> {
    check_locale(&new.locale, site_locales)?;
    Ok(Category { id: id.to_string(), locale: new.locale.clone(), name: check_name(&new.name)?, position: new.position, sections: Vec::new() })
}

/// A new section `id`, if its category exists (`category_locale` is its locale, `None` when there
/// is no such category) and its name fits.
pub fn section(id: &str, new: &NewSection, category_locale: Option<&str>) -> Result<Section, KbError> {
    if category_locale.is_none() {
        return Err(KbError::invalid("category_id", format!("there is no category `{}`", new.category_id)));
    }
    Ok(Section { id: id.to_string(), category_id: new.category_id.clone(), name: check_name(&new.name)?, position: new.position })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_section_needs_a_category_and_a_category_a_locale_of_the_site() {
        let locales = ["zh-cn".to_string(), "en-us".to_string()];
        let c = category("c1", &NewCategory { locale: "en-us".into(), name: " Billing ".into(), position: 2 }, &locales).unwrap();
        assert_eq!(c.name, "Billing");
        assert!(matches!(category("c2", &NewCategory { locale: "fr".into(), name: "x".into(), position: 1 }, &locales), Err(KbError::Invalid { field, .. }) if field == "locale"));
        let new = NewSection { category_id: "c9".into(), name: "Refunds".into(), position: 1 };
        assert!(matches!(section("s1", &new, None), Err(KbError::Invalid { field, .. }) if field == "category_id"));
        assert!(matches!(section("s1", &NewSection { name: " ".into(), ..new.clone() }, Some("en-us")), Err(KbError::Invalid { field, .. }) if field == "name"));
        assert_eq!(section("s1", &new, Some("en-us")).unwrap().category_id, "c9");
    }
}
