DROP INDEX CONCURRENTLY IF EXISTS users_plan_idx;
DROP INDEX IF EXISTS users_created_at_idx;
DROP INDEX users_lower_email_key;
