-- riso progress (DuckDB): one row per imported data file, so re-importing the same file is a no-op.
CREATE TABLE data_imports (
    checksum TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    path TEXT,
    format TEXT,
    rows_stored INTEGER NOT NULL DEFAULT 0,
    rows_skipped INTEGER NOT NULL DEFAULT 0,
    imported_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
-- DuckDB checks a primary key on every bulk insert, which more than halves the import rate of
-- big files. Uniqueness of (region, indicator, period, source) is kept by the store instead
-- (new sources go in directly, known sources through an anti-join), so the table is rebuilt
-- without the key.
CREATE TABLE observations_new (
    region TEXT NOT NULL,
    indicator TEXT NOT NULL,
    period TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    unit TEXT,
    source TEXT NOT NULL,
    source_row TEXT,
    note TEXT,
    origin TEXT NOT NULL DEFAULT 'dataset'
);
INSERT INTO observations_new SELECT region, indicator, period, value, unit, source, source_row, note, origin FROM observations;
DROP TABLE observations;
ALTER TABLE observations_new RENAME TO observations;
