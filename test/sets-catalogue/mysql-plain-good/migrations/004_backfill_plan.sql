SET SESSION lock_wait_timeout = 5;

UPDATE accounts SET plan = 'pro' WHERE id BETWEEN 1 AND 10000 AND plan = 'free';
UPDATE accounts SET plan = 'pro' WHERE plan = 'free' AND email LIKE '%@example.com' ORDER BY id LIMIT 1000;
UPDATE accounts SET nickname = 'root' WHERE id = 1;
DELETE FROM invoices WHERE id IN (17, 18, 19);
DELETE FROM invoices WHERE amount_cents = 0 ORDER BY id LIMIT 500;
