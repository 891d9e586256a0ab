-- riso list totals and pages (issue 11 item 6): a sequence every write to observations advances, as riso_fact_changes does
-- for facts (017). A store remembers the total of an observation list until it advances (see SQLBackend._counted;
-- used on PostgreSQL, where counting 10M rows for every page takes about a second).
CREATE SEQUENCE riso_observation_changes;
