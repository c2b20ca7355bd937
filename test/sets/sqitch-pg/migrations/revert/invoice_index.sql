-- Revert billing:invoice_index from pg

DROP INDEX invoices_issued_at_idx;
DROP INDEX CONCURRENTLY invoices_status_idx;
