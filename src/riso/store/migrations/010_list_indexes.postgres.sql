-- riso list indexes (issue 11 item 6): every list the API pages through is read in the order of one index, so a
-- keyset page (WHERE (sort key) > (last key of the previous page) ORDER BY sort key LIMIT n) reads n index entries
-- whatever the table's size. The single-column indexes they extend are dropped (each is a prefix of a new one).
CREATE INDEX facts_page ON facts (document, start_char, id);
CREATE INDEX facts_subject_page ON facts (subject_id, document, start_char, id);
CREATE INDEX facts_kind_page ON facts (kind, document, start_char, id);
CREATE INDEX facts_metric_page ON facts (metric, document, start_char, id);
DROP INDEX IF EXISTS facts_document;
DROP INDEX IF EXISTS facts_subject;
DROP INDEX IF EXISTS facts_kind;
DROP INDEX IF EXISTS facts_metric;
CREATE INDEX documents_page ON documents (ingested_at DESC NULLS LAST, id);
CREATE INDEX documents_language ON documents (language, ingested_at DESC NULLS LAST, id);
CREATE INDEX targets_page ON targets (region, deadline, indicator, id);
-- observations are listed in their primary key's order (region, indicator, period, source); imports look up sources
CREATE INDEX observations_source ON observations (source);
