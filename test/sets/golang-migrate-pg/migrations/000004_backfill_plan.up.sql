-- bounded batches
UPDATE users SET plan = 'free' WHERE id BETWEEN 1 AND 10000;
UPDATE users SET plan = 'free' WHERE id >= 10001 AND id < 20001 AND plan IS NULL;
UPDATE users SET plan = 'pro' WHERE id IN (SELECT id FROM users WHERE status = 'paying' LIMIT 1000);
UPDATE users SET plan = 'free' WHERE id = 42;

-- unbounded
UPDATE users SET plan = 'free' WHERE plan IS NULL;
UPDATE users SET trial_days = 14;
UPDATE users SET status = 'inactive' WHERE created_at < now() - interval '1 year';
UPDATE users SET plan = 'free' WHERE id BETWEEN 1 AND 10000 OR plan IS NULL;
DELETE FROM users WHERE status = 'deleted';
DELETE FROM users WHERE id IN (7, 8, 9);
