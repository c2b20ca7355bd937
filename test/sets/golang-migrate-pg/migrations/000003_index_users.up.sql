-- run without a transaction (x-no-tx-wrap)
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_plan_idx ON users (plan);

CREATE INDEX users_created_at_idx ON users (created_at);

CREATE UNIQUE INDEX IF NOT EXISTS users_lower_email_key
    ON users (lower(email));
