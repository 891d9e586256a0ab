-- riso network (issue 13): an actor's relations clustered in actor order, their counts per type, and
-- per-region link aggregates, so that a hub's page and a large region's ecosystem never read a hub's
-- relations whole nor the whole relation table.
-- actor_links holds each relation once per end (a self-link once), sorted by (actor, type, weight DESC,
-- relation) and numbered by pos: an actor's relations of one type are the rows first_pos ..
-- first_pos + ranked - 1, read as one range (DuckDB prunes row groups by their pos min/max). Relations
-- added one by one later are appended with pos NULL (the tail) until the next bulk import re-clusters;
-- PostgreSQL reads the ranges through an index on pos and the tail through a partial index.
-- The two relation end indexes go: actor_links answers every lookup by end (and the import builds no
-- ART index over ten million strings).
DROP INDEX relations_source;
DROP INDEX relations_target;
CREATE TABLE actor_links (
    pos BIGINT,
    actor TEXT NOT NULL,
    type TEXT NOT NULL,
    weight DOUBLE PRECISION NOT NULL,
    relation TEXT NOT NULL,
    other TEXT NOT NULL,
    outgoing BOOLEAN NOT NULL
);
CREATE TABLE actor_relation_counts (
    actor TEXT NOT NULL,
    type TEXT NOT NULL,
    n BIGINT NOT NULL,
    first_pos BIGINT,
    ranked BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (actor, type)
);
-- relations between canonical actors by the two ends' regions and types, per relation type: written by
-- `riso network compute` with the metrics, read by a large region's ecosystem (counts, triple helix)
CREATE TABLE region_links (
    region_s TEXT,
    region_t TEXT,
    type TEXT NOT NULL,
    type_s TEXT NOT NULL,
    type_t TEXT NOT NULL,
    n BIGINT NOT NULL
);
INSERT INTO actor_links (pos, actor, type, weight, relation, other, outgoing)
SELECT row_number() OVER (ORDER BY actor, type, weight DESC, relation) AS pos, actor, type, weight, relation, other,
       outgoing
FROM (SELECT source AS actor, type, weight, id AS relation, target AS other, TRUE AS outgoing FROM relations
      UNION ALL
      SELECT target, type, weight, id, source, FALSE FROM relations WHERE target <> source) AS e
ORDER BY pos;
INSERT INTO actor_relation_counts (actor, type, n, first_pos, ranked)
SELECT actor, type, count(*), min(pos), count(*) FROM actor_links GROUP BY actor, type;
CREATE INDEX actor_links_pos ON actor_links (pos);
CREATE INDEX actor_links_tail ON actor_links (actor) WHERE pos IS NULL;
