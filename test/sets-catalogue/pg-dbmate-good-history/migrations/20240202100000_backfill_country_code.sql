-- migrate:up
SET lock_timeout = '2s';
SET statement_timeout = '30s';

UPDATE accounts SET country_code = 'US' WHERE id BETWEEN 1 AND 10000 AND country_code IS NULL;
UPDATE accounts SET country_code = 'US' WHERE id BETWEEN 10001 AND 20000 AND country_code IS NULL;
UPDATE accounts SET country_code = 'US'
WHERE id IN (SELECT id FROM accounts WHERE country_code IS NULL ORDER BY id LIMIT 5000);
