-- riso composite-index results kept for `riso index show` / `chart` and the dashboard.
CREATE TABLE index_results (
    name TEXT PRIMARY KEY,
    spec TEXT NOT NULL DEFAULT '{}',
    top TEXT NOT NULL,
    scores TEXT NOT NULL DEFAULT '[]',
    datasets TEXT NOT NULL DEFAULT '{}',
    uncertainty TEXT,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
