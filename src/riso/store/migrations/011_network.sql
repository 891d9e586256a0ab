-- riso network (issue 13): actors of innovation ecosystems, their provenance, typed relations,
-- reversible merges (entity resolution) and editors' placements of actors on industry-chain segments.
-- A merged actor keeps its row (merged_into = the actor it now belongs to), so a merge is undone by
-- clearing that column; provenance and relations stay attached to the original actor ids.
CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL DEFAULT 'other',
    names TEXT NOT NULL DEFAULT '{}',
    aliases TEXT NOT NULL DEFAULT '[]',
    region TEXT,
    ownership TEXT,
    high_tech BOOLEAN,
    lab_level TEXT,
    field TEXT,
    merged_into TEXT
);
CREATE INDEX actors_region ON actors (region);
CREATE INDEX actors_merged_into ON actors (merged_into);
CREATE TABLE actor_sources (
    actor TEXT NOT NULL,
    source TEXT NOT NULL,
    ref TEXT NOT NULL,
    row_ref TEXT,
    fact TEXT,
    quote TEXT,
    PRIMARY KEY (actor, source, ref)
);
CREATE TABLE relations (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    type TEXT NOT NULL,
    weight DOUBLE PRECISION NOT NULL DEFAULT 1,
    period TEXT,
    weak BOOLEAN NOT NULL DEFAULT FALSE,
    label TEXT,
    prov_source TEXT NOT NULL,
    prov_row TEXT,
    prov_fact TEXT,
    quote TEXT
);
CREATE INDEX relations_source ON relations (source);
CREATE INDEX relations_target ON relations (target);
CREATE TABLE actor_merges (
    loser TEXT NOT NULL,
    winner TEXT NOT NULL,
    score DOUBLE PRECISION,
    reason TEXT NOT NULL DEFAULT '',
    by_whom TEXT NOT NULL DEFAULT 'resolver',
    merged_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    undone_at TIMESTAMP,
    undone_by TEXT
);
CREATE TABLE chain_placements (
    chain TEXT NOT NULL,
    segment TEXT NOT NULL,
    actor TEXT NOT NULL,
    placed BOOLEAN NOT NULL DEFAULT TRUE,
    by_whom TEXT NOT NULL DEFAULT 'editor',
    note TEXT,
    PRIMARY KEY (chain, segment, actor)
);
