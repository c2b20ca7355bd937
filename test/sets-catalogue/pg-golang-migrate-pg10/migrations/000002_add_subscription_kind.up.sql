SET lock_timeout = '2s';
ALTER TYPE public.product_kind ADD VALUE 'subscription';
