-- riso network (issue 13): whole-network analytics computed once (`riso network compute`) and read by the
-- ecosystem pages, so a page does not recompute centralities and communities per request. One row per
-- canonical actor of the last run; network_runs says when, over how many actors and links, and how
-- betweenness was computed (exact, or sampled:K sources with the seed), for the pages' provenance line.
CREATE TABLE actor_metrics (
    actor TEXT PRIMARY KEY,
    degree INTEGER NOT NULL,
    strength DOUBLE PRECISION NOT NULL,
    betweenness DOUBLE PRECISION NOT NULL,
    betweenness_norm DOUBLE PRECISION NOT NULL,
    eigenvector DOUBLE PRECISION NOT NULL,
    community INTEGER
);
CREATE TABLE network_runs (
    run INTEGER PRIMARY KEY,
    computed_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    actors INTEGER NOT NULL,
    relations INTEGER NOT NULL,
    links INTEGER NOT NULL,
    betweenness TEXT NOT NULL,
    seed INTEGER NOT NULL,
    communities INTEGER NOT NULL,
    seconds DOUBLE PRECISION NOT NULL
);
CREATE INDEX actor_sources_actor ON actor_sources (actor);
