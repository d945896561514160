//! Whatever content editors write and however small its chunks, `faq build` makes parts that
//! read back whole and find every article by its title, and a reader that starts from the core
//! alone and fetches only what each search asks for gives the same answers.

#![cfg(feature = "build")]

use faq_data::build::{write_locale_with, ArticleSource, BuiltIndex, CategorySource, EditorData, Layout, LocaleContent, SectionSource};
use faq_data::{Index, PartId, SearchOptions, SearchResponse};
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

/// Searches with only what the search asked for attached, as the widget does, and returns the
/// answer with the parts it fetched.
fn search_on_demand(built: &BuiltIndex, index: &mut Index, query: &str, options: &SearchOptions) -> (SearchResponse, Vec<PartId>) {
    let mut fetched = Vec::new();
    loop {
        match index.search(query, options) {
            Ok(found) => return (found, fetched),
            Err(missing) => {
                assert!(!missing.parts.is_empty());
                for part in missing.parts {
                    assert!(!fetched.contains(&part), "{part:?} asked for twice");
                    let (_, bytes) = built.parts().into_iter().find(|(p, _)| *p == part).expect("a part the build wrote");
                    index.add_part(part, bytes.to_vec()).unwrap();
                    fetched.push(part);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn every_article_reads_back_and_is_found_by_its_title(content in content(), postings_chunk in 1usize..400, docs_chunk in 1usize..300) {
        let built = write_locale_with(&content, Layout { postings_chunk, docs_chunk }).unwrap();
        let index = built.open().unwrap();
        let articles = &content.categories[0].sections[0].articles;
        prop_assert_eq!(index.len(), articles.len());
        let options = SearchOptions { limit: articles.len(), category: None };
        for a in articles {
            let meta = index.article(&a.id).unwrap().unwrap();
            prop_assert_eq!(&meta.title, &a.title);
            prop_assert_eq!(meta.promoted, a.promoted);
            prop_assert_eq!(meta.votes, a.votes);
            prop_assert!(index.body(&a.id).unwrap().unwrap().starts_with("<p>"));
            let whole = index.search(&a.title, &options).unwrap();
            prop_assert!(whole.results.iter().any(|h| h.id == a.id), "{:?} not found by its title", a.title);
            // From the core alone, fetching only what the search asks for: the same answer.
            let mut lazy = Index::from_core(built.core.clone()).unwrap();
            let (found, _) = search_on_demand(&built, &mut lazy, &a.title, &options);
            prop_assert_eq!(found, whole);
        }
    }
}

/// The writing model goes into the core and comes back: a message no cue list knows reaches a
/// person by how it is written, with the reason the model weighed most; without the model it
/// does not, and a cue still decides first.
#[test]
fn the_writing_model_ships_in_the_core_and_speaks_when_cues_are_silent() {
    use faq_data::escalation::{model::Model, signals::NAMES};
    use faq_data::{Cues, Reason};
    let mut weights = vec![0.0; NAMES.len()];
    weights[NAMES.iter().position(|n| *n == "account_takeover").unwrap()] = 4.0;
    let model = Model { weights, bias: -2.0, threshold: 0.5 };
    let mut cues = Cues::default();
    cues.add(Reason::Anger, "气死");
    let build = |writing_model: Option<Model>| {
        let content = LocaleContent {
            locale: "zh-cn".into(),
            categories: vec![CategorySource {
                id: "1".into(),
                name: "账号".into(),
                position: 1,
                sections: vec![SectionSource {
                    id: "10".into(),
                    name: "登录".into(),
                    position: 1,
                    articles: vec![ArticleSource { id: "1".into(), title: "忘记密码".into(), body_html: "<p>点忘记密码</p>".into(), ..ArticleSource::default() }],
                }],
            }],
            data: EditorData { cues: cues.clone(), writing_model, ..EditorData::default() },
        };
        write_locale_with(&content, Layout::default()).unwrap().open().unwrap()
    };
    let stolen = "我的账号被别人登录了，密码也被改了";
    let with = build(Some(model));
    assert_eq!(with.triage(stolen).reasons, vec![Reason::AccountStolen]);
    assert_eq!(with.triage("气死了，账号被别人登录了").reasons, vec![Reason::Anger], "a cue decides first");
    assert!(!with.triage("怎么修改密码").escalate);
    assert!(!build(None).triage(stolen).escalate);
}
