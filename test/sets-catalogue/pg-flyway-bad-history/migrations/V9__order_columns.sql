SET lock_timeout = '2s';
SET statement_timeout = '30s';

ALTER TABLE orders
    ADD COLUMN currency char(3) NOT NULL,
    ADD COLUMN external_ref uuid DEFAULT gen_random_uuid(),
    ADD COLUMN total_with_tax numeric(14, 2) GENERATED ALWAYS AS (total * 1.2) STORED,
    ADD COLUMN invoice_email text UNIQUE,
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
