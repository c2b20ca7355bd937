-- Verify billing:invoice_status on pg

BEGIN;

SELECT status, currency FROM invoices WHERE FALSE;
-- touch every row inside the rolled-back transaction to prove the column is writable
UPDATE invoices SET status = status;
DELETE FROM invoices;

ROLLBACK;
