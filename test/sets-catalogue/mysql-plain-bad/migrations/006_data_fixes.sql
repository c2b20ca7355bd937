SET SESSION lock_wait_timeout = 5;

UPDATE customers SET tier = 'basic' WHERE tier = 'free' AND created_at < '2023-01-01';
UPDATE customers SET tier = 'pro' WHERE tier = 'free' ORDER BY id LIMIT 1000;
UPDATE customers SET tier = 'pro' WHERE id BETWEEN 1 AND 5000;
DELETE FROM orders WHERE amount = 0;
DELETE FROM orders WHERE amount = 0 LIMIT 500;
INSERT INTO orders (customer_id, amount, customer_id) VALUES (1, 100, 2);
