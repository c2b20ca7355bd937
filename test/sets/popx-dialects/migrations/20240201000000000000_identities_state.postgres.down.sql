DROP INDEX identities_state_idx;
ALTER TABLE identities DROP COLUMN state;
