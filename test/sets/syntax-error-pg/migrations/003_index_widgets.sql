CREATE INDEX widgets_sku_idx ON widgets (sku);
UPDATE widgets SET price_cents = price_cents * 2;
