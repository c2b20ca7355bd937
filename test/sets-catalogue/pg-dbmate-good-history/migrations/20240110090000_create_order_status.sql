-- migrate:up
SET lock_timeout = '2s';
SET statement_timeout = '30s';

CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped');

-- migrate:down
SET lock_timeout = '2s';
SET statement_timeout = '30s';

DROP TYPE IF EXISTS order_status;
