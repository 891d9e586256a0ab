-- riso fact changes (issue 12's page benchmark): a sequence every write to facts or documents advances, so
-- readers that derive data from them (targets reconciled from target facts) redo that work only after a change.
-- A sequence takes no lock (concurrent writers never wait for each other on it) and a rollback only costs an
-- extra recomputation.
CREATE SEQUENCE riso_fact_changes;
