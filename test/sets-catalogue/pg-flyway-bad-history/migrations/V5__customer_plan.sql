SET lock_timeout = '2s';
SET statement_timeout = '30s';

ALTER TABLE customers ADD COLUMN plan text;
UPDATE customers SET plan = 'free';
