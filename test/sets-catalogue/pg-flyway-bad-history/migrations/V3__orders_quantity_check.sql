ALTER TABLE orders ADD CONSTRAINT orders_quantity_positive CHECK (quantity > 0);
