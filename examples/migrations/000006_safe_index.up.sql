-- one statement per file: golang-migrate runs it outside a transaction, so CONCURRENTLY works
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_plan_idx ON users (plan);
