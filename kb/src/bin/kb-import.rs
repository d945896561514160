//! `kb-import CONTENT_DIR SITE`: SQL that loads a content folder into the knowledge base's D1
//! tables (migration 0008) as each article's first published version, and the folder's labelled
//! queries that name articles (`queries-dev.jsonl`, if it has one) as each locale's regression
//! queries (migration 0012), for `wrangler d1 execute DB --file`. A publish of each locale then builds it at the edge
//! (`POST /api/v1/kb/publications/{locale}`). Existing rows of the same ids are replaced.

use std::path::Path;
use std::process::ExitCode;

use faq_data::build::load::load_dir;
use faq_data::build::queries;
use faq_data::render::{image_sources, published_html};
use kb::article::Edit;
use kb::import::{plan, records, Stored};
use kb::regression::from_content;
use wire::kb::BodyFormat;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, site] = args.as_slice() else {
        eprintln!("usage: kb-import CONTENT_DIR SITE");
        return ExitCode::FAILURE;
    };
    let (content, problems) = load_dir(Path::new(dir));
    if !problems.is_empty() {
        problems.iter().for_each(|p| eprintln!("{p}"));
        return ExitCode::FAILURE;
    }
    let site = text(site);
    // Nothing enters that an editor could not then save.
    let (records, skipped) = records(&content);
    if !skipped.is_empty() {
        skipped.iter().for_each(|s| eprintln!("{} {} ({}): {}", s.kind, s.id, s.title, s.reason));
        return ExitCode::FAILURE;
    }
    for (locale, imported) in records {
        // The run command's seed cannot fetch: each image on another host is named, to be
        // uploaded in the console (whose editor flags it) or imported through the edge, which copies it.
        for (id, draft, _) in &imported.articles {
            for url in image_sources(&published_html(&draft.body, draft.format == BodyFormat::Markdown)) {
                eprintln!("{locale} article {id}: external image, not copied: {url}");
            }
        }
        let vocabulary = text(&serde_json::to_string(&imported.vocabulary).expect("a vocabulary serialises"));
        let plan = plan(&locale, imported, &Stored::default(), true, Edit { at: 0, by: "import", by_id: "" });
        let locale = text(&locale);
        for c in &plan.categories {
            println!("INSERT OR REPLACE INTO kb_categories (site, id, locale, name, position) VALUES ({site}, {}, {locale}, {}, {});", text(&c.id), text(&c.name), c.position);
            for s in &c.sections {
                println!("INSERT OR REPLACE INTO kb_sections (site, id, category_id, name, position) VALUES ({site}, {}, {}, {}, {});", text(&s.id), text(&c.id), text(&s.name), s.position);
            }
        }
        for (a, v, votes) in &plan.created {
            let v = v.as_ref().expect("imported as published");
            let draft = text(&serde_json::to_string(&a.draft).expect("a draft serialises"));
            println!(
                "INSERT OR REPLACE INTO kb_articles (site, id, locale, draft, section_id, translation_of, status, revision, live_version, votes, updated_at, updated_by) VALUES ({site}, {}, {locale}, {draft}, {}, NULL, 'published', 1, 1, {votes}, 0, {});",
                text(&a.id),
                text(&a.draft.section_id),
                text(&a.updated_by)
            );
            println!(
                "INSERT OR REPLACE INTO kb_versions (site, article_id, number, at, author_id, author_name, article) VALUES ({site}, {}, 1, 0, NULL, {}, {draft});",
                text(&a.id),
                text(&v.author_name)
            );
        }
        println!("INSERT OR REPLACE INTO kb_vocabulary (site, locale, vocabulary, updated_at) VALUES ({site}, {locale}, {vocabulary}, 0);");
    }
    let labelled = queries::path_in(Path::new(dir));
    if labelled.exists() {
        let labelled = match queries::load(&labelled) {
            Ok(labelled) => labelled,
            Err(problem) => {
                eprintln!("{problem}");
                return ExitCode::FAILURE;
            }
        };
        for q in from_content(&labelled, 0, "import") {
            let articles = text(&serde_json::to_string(&q.articles).expect("ids serialise"));
            println!(
                "INSERT OR REPLACE INTO kb_regression_queries (site, id, locale, query, articles, article_id, origin, added_by, added_at) VALUES ({site}, {}, {}, {}, {articles}, {}, 'content', {}, 0);",
                text(&q.id),
                text(&q.locale),
                text(&q.query),
                text(&q.articles[0]),
                text(&q.added_by)
            );
        }
    }
    ExitCode::SUCCESS
}

/// A SQL string literal.
fn text(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}
