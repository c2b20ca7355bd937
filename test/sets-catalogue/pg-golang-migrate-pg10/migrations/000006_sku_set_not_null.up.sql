SET lock_timeout = '2s';
SET statement_timeout = '10min';

ALTER TABLE public.products ALTER COLUMN sku SET NOT NULL;
