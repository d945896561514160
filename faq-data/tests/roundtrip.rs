//! Whatever content editors write, `faq build` makes an index that reads back whole and finds
//! every article by its title.

#![cfg(feature = "build")]

use faq_data::build::{write_locale, ArticleSource, CategorySource, EditorData, LocaleContent, SectionSource};
use faq_data::{Index, SearchOptions};
use proptest::prelude::*;

/// Words of both scripts, none of them a stop word, so every title has something to find.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{4,9}",
        proptest::sample::select(vec!["会员", "续费", "投屏", "下载", "账号", "扣费", "字幕", "电视", "缓存", "退款"]).prop_map(String::from),
        "E[0-9]{4}",
    ]
}

fn title() -> impl Strategy<Value = String> {
    proptest::collection::vec(word(), 2..5).prop_map(|words| words.join(" "))
}

fn content() -> impl Strategy<Value = LocaleContent> {
    proptest::collection::vec((title(), "[a-z ]{0,80}", any::<bool>(), -5i64..500), 1..12).prop_map(|articles| {
        let articles = articles
            .into_iter()
            .enumerate()
            .map(|(n, (title, body, promoted, votes))| ArticleSource {
                id: format!("{}", 1000 + n),
                title,
                body_html: format!("<p>{body}</p>"),
                promoted,
                votes,
                ..ArticleSource::default()
            })
            .collect();
        LocaleContent {
            locale: "zh-cn".into(),
            categories: vec![CategorySource {
                id: "1".into(),
                name: "General".into(),
                position: 1,
                sections: vec![SectionSource { id: "10".into(), name: "All".into(), position: 1, articles }],
            }],
            data: EditorData::default(),
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn every_article_reads_back_and_is_found_by_its_title(content in content()) {
        let built = write_locale(&content).unwrap();
        let mut index = Index::from_bytes(built.index).unwrap();
        index.attach_bodies(built.bodies).unwrap();
        let articles = &content.categories[0].sections[0].articles;
        prop_assert_eq!(index.len(), articles.len());
        for a in articles {
            let meta = index.article(&a.id).unwrap();
            prop_assert_eq!(&meta.title, &a.title);
            prop_assert_eq!(meta.promoted, a.promoted);
            prop_assert_eq!(meta.votes, a.votes);
            prop_assert!(index.body(&a.id).unwrap().starts_with("<p>"));
            let found = index.search(&a.title, &SearchOptions { limit: articles.len(), category: None });
            prop_assert!(found.results.iter().any(|h| h.id == a.id), "{:?} not found by its title", a.title);
        }
    }
}
