-- migrate:up transaction:false
SET lock_timeout = '2s';
SET statement_timeout = '1h';

CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_coupon_id_idx ON orders (coupon_id);

-- migrate:down transaction:false
SET lock_timeout = '2s';
SET statement_timeout = '10min';

DROP INDEX CONCURRENTLY IF EXISTS orders_coupon_id_idx;
