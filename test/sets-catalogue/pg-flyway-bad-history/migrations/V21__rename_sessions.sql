SET lock_timeout = '2s';
SET statement_timeout = '30s';

ALTER TABLE sessions RENAME TO user_sessions;
