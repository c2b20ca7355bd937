-- migrate:up
SET lock_timeout = '2s';
SET statement_timeout = '30s';

UPDATE accounts SET nickname = display_name WHERE id BETWEEN 1 AND 50000 AND nickname IS NULL;
UPDATE accounts SET nickname = display_name WHERE id >= 50001 AND id < 100001 AND nickname IS NULL;
