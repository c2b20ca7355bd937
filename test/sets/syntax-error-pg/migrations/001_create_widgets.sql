CREATE TABLE widgets (
    id bigserial PRIMARY KEY,
    sku text NOT NULL,
    price_cents integer NOT NULL
);
