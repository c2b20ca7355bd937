SET lock_timeout = '2s';
SET statement_timeout = '30s';

ALTER TABLE orders ADD COLUMN coupon_id bigint REFERENCES coupons (id);
