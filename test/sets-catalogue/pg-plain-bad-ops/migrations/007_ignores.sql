SET lock_timeout = '2s';
SET statement_timeout = '10min';

-- ddlguard-ignore no-such-rule
ALTER TABLE reports ADD COLUMN IF NOT EXISTS pages bigint;

-- ddlguard-ignore ban-drop-table
ALTER TABLE reports ADD COLUMN IF NOT EXISTS words bigint;

-- ddlguard-ignore require-concurrent-index-creation -- reports holds a few hundred rows
CREATE INDEX IF NOT EXISTS reports_title_idx ON reports (title);

ALTER TABLE bookings RENAME COLUMN note TO remarks; -- ddlguard-ignore renaming-column
