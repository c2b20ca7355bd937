-- Deploy billing:invoice_index to pg
-- requires: invoice_status

CREATE INDEX CONCURRENTLY invoices_status_idx ON invoices (status);
CREATE INDEX invoices_issued_at_idx ON invoices (issued_at);
