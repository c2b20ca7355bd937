UPDATE accounts SET tier = 'basic' WHERE tier = '';
UPDATE accounts SET tier = 'basic' WHERE tier = '' ORDER BY id LIMIT 1000;
UPDATE accounts SET tier = 'gold' WHERE id = 1;
UPDATE accounts SET signup_source = 'web' WHERE id BETWEEN 1 AND 5000;
DELETE FROM audit_log WHERE created_at < NOW() - INTERVAL 90 DAY;
DELETE FROM audit_log WHERE created_at < NOW() - INTERVAL 90 DAY LIMIT 5000;
DELETE FROM sessions;
