-- Story linking state: each document's language-neutral features and its LSH bucket keys,
-- so a new document joins an existing story by looking up its buckets only (incremental linking).
CREATE TABLE story_features (
    document TEXT PRIMARY KEY,
    anchors TEXT NOT NULL DEFAULT '[]',
    context TEXT NOT NULL DEFAULT '[]',
    language TEXT,
    seq INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE story_buckets (
    bucket TEXT NOT NULL,
    document TEXT NOT NULL,
    seq INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (bucket, document)
);
CREATE INDEX story_buckets_bucket ON story_buckets (bucket, seq);
