ALTER TABLE users RENAME COLUMN email_address TO email; -- ddlguard-ignore renaming-column
