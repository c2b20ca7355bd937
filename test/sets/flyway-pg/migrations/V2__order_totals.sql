ALTER TABLE orders ADD total_cents bigint NOT NULL;
ALTER TABLE orders ADD COLUMN discount_cents bigint;
CREATE INDEX CONCURRENTLY orders_created_at_idx ON orders (created_at);

DO $$
BEGIN
    UPDATE orders SET discount_cents = 0;
    IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'orders_total_idx') THEN
        CREATE INDEX orders_total_idx ON orders (total_cents);
    END IF;
END
$$;
