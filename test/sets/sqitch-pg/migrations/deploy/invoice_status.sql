-- Deploy billing:invoice_status to pg
-- requires: invoices

BEGIN;

ALTER TABLE invoices ADD COLUMN status text;
UPDATE invoices SET status = 'open';
ALTER TABLE invoices ADD COLUMN currency text NOT NULL;

COMMIT;
