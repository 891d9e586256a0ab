-- Uploads off the request path (issue 16 item 2): every upload (API or dashboard) is stored here with its
-- bytes and processed by a worker (`riso serve`'s own, or `riso worker`). status: queued, running, done,
-- failed. Times are epoch seconds. A job whose worker died (same host, PID gone) or whose heartbeat is
-- stale is queued again; the document and the job's "done" are written in one transaction, so a retried
-- job never half-stores. The payload is dropped once the job is done. duckdb dialect: BLOB.
CREATE TABLE upload_jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    filename TEXT NOT NULL,
    format TEXT NOT NULL,
    size BIGINT NOT NULL,
    actor TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    payload BLOB,
    worker TEXT,
    document TEXT,
    result TEXT,
    error_code TEXT,
    error_message TEXT,
    error_hint TEXT,
    created_at DOUBLE PRECISION NOT NULL,
    started_at DOUBLE PRECISION,
    heartbeat_at DOUBLE PRECISION,
    finished_at DOUBLE PRECISION
);
