SET lock_timeout = '2s';
SET statement_timeout = '30s';

DELETE FROM user_sessions WHERE expires_at < now();
DELETE FROM user_sessions WHERE id BETWEEN 1 AND 50000;
UPDATE orders SET note = 'legacy', note = 'migrated' WHERE id = 42;
UPDATE orders SET status = 'paid' WHERE id >= 1000 AND id < 2000;
UPDATE orders SET note = 'bulk' WHERE id IN (SELECT id FROM orders WHERE note IS NULL LIMIT 1000);
DELETE FROM audit_log WHERE id IN (1, 2, 3);
