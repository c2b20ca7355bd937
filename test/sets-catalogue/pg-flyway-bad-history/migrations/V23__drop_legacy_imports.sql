SET lock_timeout = '2s';
SET statement_timeout = '30s';

DROP TABLE legacy_imports;
