-- migrate:up
DELETE FROM projects WHERE archived_at < now() - interval '2 years';
DELETE FROM projects WHERE id IN (1, 2, 3);
UPDATE projects SET description = '' WHERE description IS NULL;

-- migrate:down
