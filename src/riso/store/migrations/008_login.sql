-- riso login hardening (issue 16 item 3): failed-login counters per account and per address, with the
-- account lockout an admin lifts; API tokens that expire. Portable SQL for DuckDB and PostgreSQL.
CREATE TABLE login_failures (
    scope TEXT NOT NULL,
    subject TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    last_failed_at DOUBLE PRECISION NOT NULL DEFAULT 0,
    locked INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (scope, subject)
);
ALTER TABLE api_tokens ADD COLUMN expires_at DOUBLE PRECISION;
