//! `faq`: the knowledge-base editor's tool. Thin glue over the `faq_data` library.

mod bot_eval;
mod build_cmd;
mod eval;
mod folds;
mod publish_cmd;
mod search_cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use faq_data::build::Layout;

#[derive(Parser)]
#[command(name = "faq", version, about = "Build, search and check the help center's knowledge base")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compile a content folder or a Zendesk export (.json) into <DIR>/<locale>.core, its
    /// chunks (.p<n>, .d<n>) and .bodies
    Build {
        source: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// Content folder whose <locale>/_data vocabulary to use when SOURCE is an export
        #[arg(long)]
        data: Option<PathBuf>,
        /// Raw bytes a postings chunk grows to (for measuring chunk sizes)
        #[arg(long, default_value_t = Layout::default().postings_chunk)]
        postings_chunk: usize,
        /// Raw bytes an article chunk grows to
        #[arg(long, default_value_t = Layout::default().docs_chunk)]
        docs_chunk: usize,
    },
    /// Search an index (its <locale>.core; the other parts are read from the same folder): one
    /// query as an argument, or one per stdin line with --jsonl
    Search {
        #[arg(long)]
        index: PathBuf,
        /// Read queries from stdin, print one JSON object per line
        #[arg(long)]
        jsonl: bool,
        /// With --jsonl: add "micros", the time the search itself took
        #[arg(long, requires = "jsonl")]
        timings: bool,
        /// Only this category (id or name)
        #[arg(long)]
        category: Option<String>,
        query: Option<String>,
    },
    /// Relevance, verdict and escalation figures for labelled queries
    Eval {
        /// The built indexes (without --folds)
        #[arg(long, required_unless_present = "folds")]
        index_dir: Option<PathBuf>,
        /// The content folder (with --folds: each fold rebuilds the index from it)
        #[arg(long, default_value = "faq-data/content")]
        content: PathBuf,
        #[arg(long)]
        queries: PathBuf,
        /// Print the summary as one JSON object instead of tables
        #[arg(long)]
        json: bool,
        /// List the queries whose first relevant article is not in the top 5
        #[arg(long)]
        misses: bool,
        /// Cross-validate everything tuned (vocabulary, thresholds, the escalation model) over K
        /// folds: chosen on K-1, scored on the held-out one
        #[arg(long, value_name = "K", conflicts_with_all = ["misses", "index_dir"])]
        folds: Option<usize>,
        /// With --folds: write the writing model fit on everything into the file every index
        /// ships (faq-data/src/escalation/writing-model.toml); without it, the eval fails while
        /// that file differs from the fit
        #[arg(long, requires = "folds")]
        write_escalation_model: bool,
    },
    /// Per query on stdin, the parts a reader holding only the core fetches before its first
    /// answer (one JSON line each: {"query", "rounds": [[file names], …]})
    Plan {
        #[arg(long)]
        index: PathBuf,
    },
    /// Check a content folder: broken links, duplicates, empty bodies, unknown sections
    Lint { dir: PathBuf },
    /// Turn a Zendesk Help Center export into a content folder
    Import {
        export: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    /// Send a content folder to an edge's knowledge base (an editor's token), publishing every
    /// locale it holds: for teams that keep their articles in git
    Publish {
        dir: PathBuf,
        /// The edge's base URL (https://help.example.com)
        #[arg(long)]
        edge: String,
        /// An editor's token (a session or an integration token with the editor role)
        #[arg(long, env = "FAQ_EDGE_TOKEN")]
        token: String,
        /// Store the articles as drafts instead of publishing them
        #[arg(long)]
        drafts: bool,
        /// Publish even where a locale's regression queries do worse (the edge refuses that
        /// otherwise, and this command exits with an error after storing the articles)
        #[arg(long)]
        confirm_regression: bool,
    },
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Build { source, out, data, postings_chunk, docs_chunk } => {
            build_cmd::build(&source, &out, data.as_deref(), Layout { postings_chunk, docs_chunk })
        }
        Command::Plan { index } => search_cmd::plan(&index),
        Command::Search { index, jsonl, timings, category, query } => search_cmd::search(&index, jsonl, timings, category, query),
        Command::Eval { content, queries, json, folds: Some(k), write_escalation_model, .. } => folds::run(&content, &queries, k, json, write_escalation_model),
        Command::Eval { index_dir: Some(index_dir), queries, json, misses, folds: None, .. } => eval::eval(&index_dir, &queries, json, misses),
        Command::Eval { index_dir: None, .. } => Err("--index-dir is needed without --folds".into()),
        Command::Lint { dir } => build_cmd::lint(&dir),
        Command::Import { export, out } => build_cmd::import(&export, &out),
        Command::Publish { dir, edge, token, drafts, confirm_regression } => publish_cmd::publish(&dir, &edge, &token, publish_cmd::Asked { drafts, confirm_regression }),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("faq: {message}");
            ExitCode::FAILURE
        }
    }
}
