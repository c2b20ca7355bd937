SET lock_timeout = '2s';
DROP TABLE IF EXISTS public.products;
