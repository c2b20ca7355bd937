CREATE TABLE posts (
    id bigserial PRIMARY KEY,
    title varchar NOT NULL,
    body text NOT NULL,
    published boolean NOT NULL DEFAULT false
);
CREATE INDEX posts_published_idx ON posts (published);
