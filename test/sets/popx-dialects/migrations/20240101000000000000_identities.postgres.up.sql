CREATE TABLE identities (
    id uuid PRIMARY KEY,
    traits jsonb NOT NULL
);
