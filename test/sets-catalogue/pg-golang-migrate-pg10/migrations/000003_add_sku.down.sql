SET lock_timeout = '2s';
ALTER TABLE public.products DROP COLUMN IF EXISTS sku;
