CREATE TABLE users (
    id bigserial PRIMARY KEY,
    email text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX users_email_key ON users (email);

ALTER TABLE users ADD COLUMN locale text NOT NULL;

UPDATE users SET locale = 'en';
