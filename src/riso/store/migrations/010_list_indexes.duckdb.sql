-- riso list indexes (issue 11 item 6), DuckDB. DuckDB reads an ART index only for one equality filter on the
-- indexed column (it never walks one for ORDER BY), so the store pages facts through the existing single-column
-- indexes (document, subject_id, metric; see DocumentsMixin.list_facts) and needs only a region index on
-- targets here. Observations get no index: DuckDB skips row groups by their min/max, and an index would
-- slow every bulk import.
CREATE INDEX targets_region ON targets (region);
