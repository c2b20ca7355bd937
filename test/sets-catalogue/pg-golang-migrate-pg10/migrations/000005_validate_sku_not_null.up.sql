SET statement_timeout = '10min';
ALTER TABLE public.products VALIDATE CONSTRAINT products_sku_not_null;
