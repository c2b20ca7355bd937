-- Revert billing:invoices from pg

BEGIN;

DROP TABLE invoices;

COMMIT;
