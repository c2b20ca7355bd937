ALTER TABLE identities ADD COLUMN state text NOT NULL;
CREATE INDEX identities_state_idx ON identities (state);
UPDATE identities SET state = 'active' WHERE id IN (SELECT id FROM identities WHERE state = '' LIMIT 1000);
