-- migrate:up
SET lock_timeout = '2s';
SET statement_timeout = '30s';

ALTER TABLE orders
    ADD CONSTRAINT orders_coupon_id_fkey FOREIGN KEY (coupon_id) REFERENCES coupons (id) NOT VALID;

-- migrate:down
SET lock_timeout = '2s';
SET statement_timeout = '30s';

ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_coupon_id_fkey;
