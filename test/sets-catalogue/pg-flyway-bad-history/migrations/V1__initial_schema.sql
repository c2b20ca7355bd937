CREATE DOMAIN email_address AS text CHECK (VALUE ~ '^[^@]+@[^@]+$');

CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped');

CREATE TABLE customers (
    id serial PRIMARY KEY,
    email email_address NOT NULL,
    name varchar(120) NOT NULL,
    country char(2),
    created_at timestamp NOT NULL DEFAULT now()
);

CREATE INDEX customers_created_at_for_the_quarterly_marketing_export_report_idx ON customers (created_at);

CREATE TABLE coupons (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL
);

CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customers (id),
    status order_status NOT NULL DEFAULT 'pending',
    quantity smallint NOT NULL,
    total numeric(10, 2) NOT NULL,
    note varchar(50),
    metadata json,
    placed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    expires_at timestamptz NOT NULL
);

CREATE INDEX sessions_customer_id_idx ON sessions (customer_id);

CREATE TABLE audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    action text NOT NULL,
    logged_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE events (
    name text NOT NULL,
    payload jsonb,
    occurred_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE legacy_imports (
    id bigint NOT NULL,
    payload jsonb
);
