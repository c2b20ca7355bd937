-- Deploy billing:invoices to pg

BEGIN;

CREATE TABLE invoices (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL,
    amount_cents bigint NOT NULL,
    issued_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);

COMMIT;
