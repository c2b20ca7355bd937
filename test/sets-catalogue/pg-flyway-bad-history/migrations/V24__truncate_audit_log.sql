SET lock_timeout = '2s';
SET statement_timeout = '30s';

TRUNCATE audit_log;
