-- riso progress: one row per imported data file, so re-importing the same file is a no-op.
CREATE TABLE data_imports (
    checksum TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    path TEXT,
    format TEXT,
    rows_stored INTEGER NOT NULL DEFAULT 0,
    rows_skipped INTEGER NOT NULL DEFAULT 0,
    imported_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX observations_indicator ON observations (indicator);
