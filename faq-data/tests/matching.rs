//! What search does past a query's exact words (`faq_data::Matching`): near matches of Chinese
//! synonym members, and the colloquial wording the demo help center's synonym lists carry.

#![cfg(feature = "build")]

use std::path::Path;

use faq_data::build::load::load_dir;
use faq_data::build::{write_locale, ArticleSource, CategorySource, EditorData, LocaleContent, SectionSource};
use faq_data::{Index, Matching, SearchOptions};

fn index(locale: &str, titles: &[&str], synonyms: Vec<Vec<String>>) -> Index {
    let articles = titles
        .iter()
        .enumerate()
        .map(|(n, title)| ArticleSource { id: format!("{}", 100 + n), title: title.to_string(), body_html: format!("<p>{title}</p>"), ..ArticleSource::default() })
        .collect();
    let content = LocaleContent {
        locale: locale.into(),
        categories: vec![CategorySource {
            id: "1".into(),
            name: "General".into(),
            position: 1,
            sections: vec![SectionSource { id: "10".into(), name: "All".into(), position: 1, articles }],
        }],
        data: EditorData { synonyms, ..EditorData::default() },
    };
    write_locale(&content).expect("builds").open().expect("reads")
}

fn ids(index: &Index, query: &str, matching: &Matching) -> Vec<String> {
    let found = index.search_with(query, &SearchOptions::default(), matching).expect("every part attached");
    found.results.into_iter().map(|h| h.id).collect()
}

#[test]
fn a_query_that_nearly_names_a_synonym_finds_its_articles() {
    // 自动缴费 is one character off 自动续费, whose group also holds 连续包月: the article that
    // only says 连续包月 shares no character with the query.
    let index = index("zh-cn", &["取消连续包月", "缴费记录查询"], vec![vec!["自动续费".into(), "连续包月".into()]]);
    let near = Matching { near: 0.4 };
    assert!(!ids(&index, "自动缴费怎么停", &Matching::EXACT).contains(&"100".to_string()));
    assert!(ids(&index, "自动缴费怎么停", &near).contains(&"100".to_string()));
    // The near match weighs less than the exact words the query does say.
    assert_eq!(ids(&index, "缴费自动续", &near)[0], "101");
}

#[test]
fn the_demo_help_center_knows_how_people_say_it() {
    let (content, problems) = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    assert!(problems.is_empty(), "{problems:?}");
    for (locale, standard, colloquial) in [("en-us", "buffering", "won't load"), ("en-us", "payment failed", "won't go through"), ("zh-cn", "卡顿", "转个不停"), ("zh-cn", "支付失败", "付不了")] {
        let data = &content.locales.iter().find(|l| l.locale == locale).expect("locale").data;
        assert!(data.synonyms.iter().any(|g| g.contains(&standard.to_string()) && g.contains(&colloquial.to_string())), "{locale}: {colloquial} → {standard}");
    }
}
