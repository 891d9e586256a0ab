-- riso core schema: the records of DESIGN.md. Portable SQL for DuckDB and PostgreSQL.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    title TEXT,
    published TEXT,
    outlet TEXT,
    language TEXT,
    languages TEXT NOT NULL DEFAULT '[]',
    format TEXT NOT NULL DEFAULT 'txt',
    text TEXT NOT NULL,
    paragraphs TEXT NOT NULL DEFAULT '[]',
    sentences TEXT NOT NULL DEFAULT '[]',
    story TEXT,
    size_chars INTEGER NOT NULL DEFAULT 0,
    ingested_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX documents_story ON documents (story);
CREATE TABLE facts (
    id TEXT PRIMARY KEY,
    document TEXT NOT NULL,
    kind TEXT NOT NULL,
    metric TEXT,
    metric_text TEXT,
    value DOUBLE PRECISION,
    unit TEXT,
    comparator TEXT,
    deadline INTEGER,
    period TEXT,
    subject_id TEXT,
    subject_name TEXT,
    quote TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    language TEXT,
    confidence DOUBLE PRECISION NOT NULL DEFAULT 0.5,
    scope TEXT,
    duration DOUBLE PRECISION,
    payload TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX facts_document ON facts (document);
CREATE INDEX facts_kind ON facts (kind);
CREATE INDEX facts_metric ON facts (metric);
CREATE INDEX facts_subject ON facts (subject_id);
CREATE TABLE regions (
    id TEXT PRIMARY KEY,
    level TEXT NOT NULL,
    parent TEXT,
    names TEXT NOT NULL DEFAULT '{}',
    aliases TEXT NOT NULL DEFAULT '[]',
    members TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE indicators (
    id TEXT PRIMARY KEY,
    unit TEXT NOT NULL,
    direction INTEGER NOT NULL DEFAULT 1,
    kind TEXT NOT NULL DEFAULT 'value',
    labels TEXT NOT NULL DEFAULT '{}',
    synonyms TEXT NOT NULL DEFAULT '{}',
    definition TEXT,
    source TEXT
);
CREATE TABLE observations (
    region TEXT NOT NULL,
    indicator TEXT NOT NULL,
    period TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    unit TEXT,
    source TEXT NOT NULL,
    source_row TEXT,
    note TEXT,
    origin TEXT NOT NULL DEFAULT 'dataset',
    PRIMARY KEY (region, indicator, period, source)
);
CREATE INDEX observations_series ON observations (region, indicator);
CREATE TABLE targets (
    id TEXT PRIMARY KEY,
    region TEXT NOT NULL,
    indicator TEXT,
    value DOUBLE PRECISION NOT NULL,
    comparator TEXT NOT NULL DEFAULT 'at_least',
    deadline INTEGER NOT NULL,
    unit TEXT,
    baseline_period TEXT,
    baseline_value DOUBLE PRECISION,
    facts TEXT NOT NULL DEFAULT '[]',
    origin TEXT NOT NULL DEFAULT 'document',
    metric_text TEXT,
    conflict BOOLEAN NOT NULL DEFAULT FALSE,
    confidence DOUBLE PRECISION NOT NULL DEFAULT 0.5,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    title TEXT,
    languages TEXT NOT NULL DEFAULT '[]',
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
