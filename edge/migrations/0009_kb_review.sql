-- Review of knowledge-base articles: who last changed what an article says (an article in review
-- is approved or sent back only by another editor), and the reviewer's comment on one sent back.
-- The rules are `kb::article`'s; edge/src/routes/kb_articles.rs writes these with the article.

ALTER TABLE kb_articles ADD COLUMN author_id TEXT;       -- NULL: imported, nobody's own work
ALTER TABLE kb_articles ADD COLUMN sent_back TEXT;       -- wire::kb::ReviewNote as JSON, or NULL
