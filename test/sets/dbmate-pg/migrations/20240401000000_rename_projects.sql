-- migrate:up
ALTER TABLE projects RENAME COLUMN name TO title;
ALTER TABLE projects RENAME TO workspaces;

-- migrate:down
ALTER TABLE workspaces RENAME TO projects;
ALTER TABLE projects RENAME COLUMN title TO name;
