ALTER TABLE users ADD COLUMN nickname text;
ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';
ALTER TABLE users ADD COLUMN plan text NOT NULL;
ALTER TABLE users
    ADD COLUMN trial_days integer NOT NULL,
    ADD COLUMN referrer text;
