SET lock_timeout = '2s';
SET statement_timeout = '1min';

ALTER TABLE public.products ADD CONSTRAINT products_sku_not_null CHECK (sku IS NOT NULL) NOT VALID;
