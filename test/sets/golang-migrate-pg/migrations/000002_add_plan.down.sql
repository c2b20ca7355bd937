ALTER TABLE users
    DROP COLUMN referrer,
    DROP COLUMN trial_days,
    DROP COLUMN plan,
    DROP COLUMN status,
    DROP COLUMN nickname;
