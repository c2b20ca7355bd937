-- migrate:up transaction:false
ALTER TABLE projects ADD COLUMN owner_id bigint NOT NULL;
ALTER TABLE projects ADD COLUMN description text;
CREATE INDEX CONCURRENTLY IF NOT EXISTS projects_owner_id_idx ON projects (owner_id);

-- migrate:down transaction:false
DROP INDEX CONCURRENTLY IF EXISTS projects_owner_id_idx;
ALTER TABLE projects DROP COLUMN description;
ALTER TABLE projects DROP COLUMN owner_id;
