-- riso match (issue 14): technology-transfer offers and enterprises' needs, who belongs to which
-- organisation (only its editors may edit its needs), the intermediary's decisions on matches (with the
-- feature snapshot shown, for learning), learned weights, and cached embeddings (BYTEA vectors: DuckDB reads it as BLOB).
CREATE TABLE match_offers (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL,
    holder TEXT,
    holder_actor TEXT,
    region TEXT,
    field TEXT,
    fields TEXT NOT NULL DEFAULT '[]',
    year INTEGER,
    owner TEXT NOT NULL DEFAULT 'public',
    prov_source TEXT NOT NULL,
    prov_row TEXT,
    quote TEXT,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX match_offers_holder ON match_offers (holder_actor);
CREATE TABLE match_needs (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL,
    industry TEXT,
    region TEXT,
    urgency TEXT NOT NULL DEFAULT 'normal',
    owner TEXT NOT NULL,
    contact TEXT,
    prov_source TEXT NOT NULL,
    prov_row TEXT,
    quote TEXT,
    updated_by TEXT,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX match_needs_owner ON match_needs (owner);
CREATE TABLE match_members (
    organisation TEXT NOT NULL,
    user_name TEXT NOT NULL,
    PRIMARY KEY (organisation, user_name)
);
CREATE TABLE match_decisions (
    id TEXT PRIMARY KEY,
    need TEXT NOT NULL,
    offer TEXT NOT NULL,
    decision TEXT NOT NULL,
    by_whom TEXT NOT NULL,
    note TEXT,
    features TEXT NOT NULL DEFAULT '{}',
    decided_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX match_decisions_need ON match_decisions (need);
CREATE TABLE match_weights (
    name TEXT PRIMARY KEY,
    weights TEXT NOT NULL,
    decisions INTEGER NOT NULL DEFAULT 0,
    trained_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE match_embeddings (
    item TEXT NOT NULL,
    model TEXT NOT NULL,
    digest TEXT NOT NULL,
    vector BYTEA NOT NULL,
    PRIMARY KEY (item, model)
);
