-- Stored target assessments (issue 12's page benchmark): the overview, a region page and the targets table read
-- each target's assessment from here instead of assessing every target per request. A row is a copy of its
-- target (id ... confidence) as it was assessed: a target changed since then no longer matches its row and is
-- assessed again, whatever wrote it (every write to targets advances riso_target_changes, so a read compares the
-- rows only after one). Observations changed since (an import, a fact's observation, a
-- deleted source) mark their regions in assessments_stale; the next read assesses those regions' targets again.
-- record is the assessment's JSON without its document quotes (read from the facts when shown). DuckDB dialect:
-- no index on assessments beyond its key (DuckDB joins and filters these tens of thousands of rows by scan).
CREATE TABLE assessments (
    id TEXT PRIMARY KEY,
    region TEXT NOT NULL,
    indicator TEXT,
    value DOUBLE PRECISION NOT NULL,
    comparator TEXT NOT NULL,
    deadline INTEGER NOT NULL,
    unit TEXT,
    baseline_period TEXT,
    baseline_value DOUBLE PRECISION,
    facts TEXT NOT NULL,
    origin TEXT NOT NULL,
    metric_text TEXT,
    conflict BOOLEAN NOT NULL,
    confidence DOUBLE PRECISION NOT NULL,
    status TEXT NOT NULL,
    latest_value DOUBLE PRECISION,
    latest_period TEXT,
    probability DOUBLE PRECISION,
    record TEXT NOT NULL
);
CREATE TABLE assessments_stale (
    region TEXT PRIMARY KEY,
    changed BIGINT NOT NULL
);
CREATE SEQUENCE riso_assessment_changes;
CREATE SEQUENCE riso_target_changes;
-- Facts per region and kind (the region list of every page), recounted only after facts changed (migration 017).
CREATE TABLE fact_region_counts (
    region TEXT NOT NULL,
    name TEXT,
    kind TEXT NOT NULL,
    n BIGINT NOT NULL
);
