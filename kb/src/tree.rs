//! Categories and sections: the help center's tree, each category in one locale, each section in
//! one category that exists; renamed, put in a new order (all of a level at once), and deleted
//! only when empty, so no article loses its place.

use wire::kb::{Category, NewCategory, NewSection, Section};
use wire::limits::KB_GROUP_NAME;

use crate::article::check_locale;
use crate::KbError;

/// A new name for a category or section, trimmed, if it fits.
pub fn check_name(name: &str) -> Result<String, KbError> {
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

/// The positions that put `wanted` in order (1, 2, …), if it names each of `current` once: a
/// level of the tree is reordered whole, so no two end up at one place.
pub fn order(current: &[String], wanted: &[String]) -> Result<Vec<(String, i64)>, KbError> {
    let mut a: Vec<&String> = current.iter().collect();
    let mut b: Vec<&String> = wanted.iter().collect();
    a.sort();
    b.sort();
    if a != b {
        return Err(KbError::invalid("ids", format!("list each of the {} ids once, in the new order ({} given)", current.len(), wanted.len())));
    }
    Ok(wanted.iter().zip(1..).map(|(id, position)| (id.clone(), position)).collect())
}

/// Why an emptied-first delete was refused: what is still inside.
pub const CATEGORY_NOT_EMPTY: &str = "this category still has sections: delete or move them first";
pub const SECTION_NOT_EMPTY: &str = "this section still has articles (archived ones too): move them first";

/// A category is deleted only without sections, a section only without articles.
pub fn deletable(inside: usize, not_empty: &'static str) -> Result<(), KbError> {
    if inside == 0 {
        Ok(())
    } else {
        Err(KbError::NotEmpty(not_empty))
    }
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

    #[test]
    fn a_level_is_reordered_whole_and_only_an_empty_group_is_deleted() {
        let ids = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let current = ids(&["a", "b", "c"]);
        assert_eq!(order(&current, &ids(&["c", "a", "b"])).unwrap(), vec![("c".into(), 1), ("a".into(), 2), ("b".into(), 3)]);
        for wrong in [ids(&["a", "b"]), ids(&["a", "b", "b"]), ids(&["a", "b", "c", "d"]), ids(&["a", "b", "x"])] {
            assert!(matches!(order(&current, &wrong), Err(KbError::Invalid { field, .. }) if field == "ids"), "{wrong:?}");
        }
        assert!(deletable(0, SECTION_NOT_EMPTY).is_ok());
        assert_eq!(deletable(2, SECTION_NOT_EMPTY), Err(KbError::NotEmpty(SECTION_NOT_EMPTY)));
        assert!(matches!(check_name("  "), Err(KbError::Invalid { .. })));
    }
}
