DO $$
DECLARE
    lo bigint := 0;
    max_id bigint;
BEGIN
    SELECT max(id) INTO max_id FROM orders;
    WHILE lo <= max_id LOOP
        UPDATE orders SET total_cents = 0 WHERE id > lo AND id <= lo + 5000;
        lo := lo + 5000;
    END LOOP;
END
$$;

DELETE FROM orders WHERE created_at >= '2020-01-01' AND created_at < '2020-02-01';
DELETE FROM orders WHERE customer_id = 17;
