-- Verify billing:invoices on pg

BEGIN;

SELECT id, customer_id, amount_cents, issued_at FROM invoices WHERE FALSE;

ROLLBACK;
