SET lock_timeout = '2s';
ALTER TABLE public.products DROP CONSTRAINT IF EXISTS products_sku_not_null;
