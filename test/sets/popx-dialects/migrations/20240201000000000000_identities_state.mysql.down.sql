DROP INDEX identities_state_idx ON identities;
ALTER TABLE identities DROP COLUMN state;
