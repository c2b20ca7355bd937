-- Verify billing:invoice_index on pg

SELECT 1/count(*) FROM pg_indexes WHERE indexname = 'invoices_status_idx';
