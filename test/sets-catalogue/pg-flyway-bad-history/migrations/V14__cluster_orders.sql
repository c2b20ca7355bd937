SET lock_timeout = '2s';
SET statement_timeout = '30s';

CLUSTER orders USING orders_pkey;
