//! The two locales the product speaks and how an app declares its texts: one `texts!` table per
//! app, each entry a name with its zh-CN and en-US string, so no string can exist in one
//! language only. A `{n}` in a string is filled by [`fill`].

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locale {
    ZhCn,
    EnUs,
}

/// A table of texts declared with [`texts!`](crate::texts).
pub trait Texts: Copy {
    /// The (zh-CN, en-US) strings.
    fn strings(self) -> (&'static str, &'static str);
}

impl Locale {
    /// The locale for a tag such as `zh-CN`, `zh`, `en-GB`; `None` for languages we lack.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let language = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match language.as_str() {
            "zh" => Some(Locale::ZhCn),
            "en" => Some(Locale::EnUs),
            _ => None,
        }
    }

    /// The first supported of: the chosen tag, then the browser's languages; else Chinese, the
    /// demo site's main language.
    pub fn resolve<'a>(chosen: Option<&str>, browser: impl IntoIterator<Item = &'a str>) -> Locale {
        chosen
            .and_then(Locale::from_tag)
            .or_else(|| browser.into_iter().find_map(Locale::from_tag))
            .unwrap_or(Locale::ZhCn)
    }

    /// The index file's and the API's locale name (`zh-cn`, `en-us`).
    pub fn index_name(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-cn",
            Locale::EnUs => "en-us",
        }
    }

    /// The BCP 47 tag for `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::EnUs => "en-US",
        }
    }

    pub fn text<T: Texts>(self, text: T) -> &'static str {
        let (zh, en) = text.strings();
        match self {
            Locale::ZhCn => zh,
            Locale::EnUs => en,
        }
    }
}

/// Replaces `{n}` in a string.
pub fn fill(template: &str, n: impl std::fmt::Display) -> String {
    template.replace("{n}", &n.to_string())
}

/// Declares an app's `Text` enum: `texts! { Close => "关闭", "Close"; }`. Under `cfg(test)` the
/// enum has `ALL`, so a test can check every entry in both locales.
#[macro_export]
macro_rules! texts {
    ($($name:ident => $zh:literal, $en:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Text { $($name),* }

        impl Text {
            #[cfg(test)]
            pub const ALL: &'static [Text] = &[$(Text::$name),*];
        }

        impl $crate::locale::Texts for Text {
            fn strings(self) -> (&'static str, &'static str) {
                match self { $(Text::$name => ($zh, $en)),* }
            }
        }
    };
}

/// Checks a whole `texts!` table: every entry is non-empty in both locales and translated.
pub fn untranslated<T: Texts + std::fmt::Debug>(all: &[T]) -> Vec<String> {
    let mut problems = Vec::new();
    for &text in all {
        let (zh, en) = text.strings();
        if zh.trim().is_empty() || en.trim().is_empty() {
            problems.push(format!("{text:?} is empty in a locale"));
        } else if zh == en {
            problems.push(format!("{text:?} is untranslated"));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_map_to_supported_locales() {
        assert_eq!(Locale::from_tag("zh-CN"), Some(Locale::ZhCn));
        assert_eq!(Locale::from_tag("zh_TW"), Some(Locale::ZhCn));
        assert_eq!(Locale::from_tag("EN-gb"), Some(Locale::EnUs));
        assert_eq!(Locale::from_tag("fr-FR"), None);
        assert_eq!(Locale::from_tag(""), None);
    }

    #[test]
    fn the_choice_wins_then_the_browser_then_chinese() {
        assert_eq!(Locale::resolve(Some("en-US"), ["zh-CN"]), Locale::EnUs);
        assert_eq!(Locale::resolve(Some("fr"), ["de", "en-GB"]), Locale::EnUs);
        assert_eq!(Locale::resolve(None, ["de"]), Locale::ZhCn);
    }

    crate::texts! {
        Hello => "你好", "Hello";
        Same => "OK", "OK";
    }

    #[test]
    fn a_table_is_checked_entry_by_entry() {
        assert_eq!(Locale::EnUs.text(Text::Hello), "Hello");
        assert_eq!(untranslated(Text::ALL), ["Same is untranslated"]);
        assert_eq!(fill("#{n}", 42), "#42");
    }
}
