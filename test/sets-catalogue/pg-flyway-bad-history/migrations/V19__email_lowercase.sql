SET lock_timeout = '2s';
SET statement_timeout = '30s';

ALTER DOMAIN email_address ADD CONSTRAINT email_address_lowercase CHECK (VALUE = lower(VALUE)) NOT VALID;
