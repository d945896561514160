-- Review as a site setting: when on, an article goes live only through another editor's approval
-- (`kb::article::publish` with `Review::Required`); an import cannot publish.
ALTER TABLE site_settings ADD COLUMN kb_review_required INTEGER NOT NULL DEFAULT 0;

-- What a reader says an article lacked, after voting it not helpful (`article_comment` events).
ALTER TABLE widget_events ADD COLUMN comment TEXT;
