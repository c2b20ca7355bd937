SET lock_timeout = '2s';
SET statement_timeout = '30s';

CREATE INDEX CONCURRENTLY orders_placed_at_idx ON orders (placed_at);
