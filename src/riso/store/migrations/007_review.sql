-- riso review (issue 10): editors confirm, correct or reject extracted facts. A decision is keyed on what
-- stays stable when a document is extracted again (document, quote, kind and value as extracted), not on
-- the fact id, and is re-applied whenever the document's facts are (re)inserted. facts.review mirrors the
-- decision on the current fact row so every reader (targets, progress, API, dashboard) sees it.
CREATE TABLE IF NOT EXISTS fact_reviews (
    key TEXT PRIMARY KEY,
    document TEXT NOT NULL,
    quote TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    kind TEXT NOT NULL,
    value DOUBLE PRECISION,
    fact_id TEXT NOT NULL,
    decision TEXT NOT NULL,
    changes TEXT NOT NULL DEFAULT '{}',
    original TEXT NOT NULL DEFAULT '{}',
    reviewer TEXT NOT NULL,
    note TEXT,
    reviewed_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX IF NOT EXISTS fact_reviews_document ON fact_reviews (document);
ALTER TABLE facts ADD COLUMN IF NOT EXISTS review TEXT;
