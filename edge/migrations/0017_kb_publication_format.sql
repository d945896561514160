-- The index format a publication was built in (faq_data::FORMAT_VERSION). A worker serves only
-- publications in its own format: after a deploy that changes the format, a locale published
-- earlier is served from the static build until the scheduled sweep has built it again from
-- what is live (edge/src/cron.rs). Rows from before this column count as outdated (0), so each
-- is rebuilt once.
ALTER TABLE kb_publications ADD COLUMN format_version INTEGER NOT NULL DEFAULT 0;
