//! Translations: an article names the article it translates (`translation_of`), in another
//! locale; following the links from any article visits each locale at most once and never comes
//! back, so "the same article in zh-CN and en-US" is always a short chain without loops.

use crate::KbError;

/// An article on a translation chain: its id, its locale.
pub type Link = (String, String);

/// Whether article `own_id` (none yet for a new one) in `own_locale` may name `link` as what it
/// translates. `chain` is what the store found by following the links from `link`: `link`
/// itself first (empty when there is no such article), then what it translates, and so on.
pub fn check_link(own_id: Option<&str>, own_locale: &str, link: Option<&str>, chain: &[Link]) -> Result<(), KbError> {
    const FIELD: &str = "article.translation_of";
    let Some(link) = link else { return Ok(()) };
    if chain.first().map(|(id, _)| id.as_str()) != Some(link) {
        return Err(KbError::invalid(FIELD, format!("there is no article `{link}`")));
    }
    let mut locales = vec![own_locale];
    for (id, locale) in chain {
        if Some(id.as_str()) == own_id {
            return Err(KbError::invalid(FIELD, format!("`{link}` is already a translation of this article: the link would make a loop")));
        }
        if locales.contains(&locale.as_str()) {
            let message = if locale == own_locale {
                format!("`{id}` is in {locale} too: a translation is in another locale")
            } else {
                format!("the chain from `{link}` has two {locale} articles")
            };
            return Err(KbError::invalid(FIELD, message));
        }
        locales.push(locale);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(links: &[(&str, &str)]) -> Vec<Link> {
        links.iter().map(|(i, l)| (i.to_string(), l.to_string())).collect()
    }

    #[test]
    fn a_link_to_an_article_in_another_locale_is_kept() {
        assert!(check_link(Some("en1"), "en-us", Some("zh1"), &chain(&[("zh1", "zh-cn")])).is_ok());
        assert!(check_link(None, "en-us", None, &[]).is_ok());
    }

    #[test]
    fn loops_missing_articles_and_same_locale_links_are_refused() {
        let refused = |own: Option<&str>, locale: &str, link: &str, c: &[(&str, &str)]| match check_link(own, locale, Some(link), &chain(c)) {
            Err(KbError::Invalid { field, message }) => {
                assert_eq!(field, "article.translation_of");
                message
            }
            other => panic!("expected a refusal, got {other:?}"),
        };
        assert!(refused(None, "en-us", "nope", &[]).contains("no article"));
        // zh1 already translates en1: en1 → zh1 would close the loop.
        assert!(refused(Some("en1"), "en-us", "zh1", &[("zh1", "zh-cn"), ("en1", "en-us")]).contains("loop"));
        assert!(refused(Some("en2"), "en-us", "en1", &[("en1", "en-us")]).contains("another locale"));
        assert!(refused(Some("ja1"), "ja-jp", "zh1", &[("zh1", "zh-cn"), ("zh2", "zh-cn")]).contains("two zh-cn"));
    }
}
