SET SESSION lock_wait_timeout = 5;

DROP DATABASE IF EXISTS legacy_reports;
