SET lock_timeout = '2s';
SET statement_timeout = '30s';

ALTER TABLE legacy_imports ADD PRIMARY KEY (id);
