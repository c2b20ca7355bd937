-- migrate:up
SET lock_timeout = '2s';
SET statement_timeout = '10min';

ALTER TABLE orders VALIDATE CONSTRAINT orders_coupon_id_fkey;
