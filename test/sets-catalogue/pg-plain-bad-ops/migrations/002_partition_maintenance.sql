SET lock_timeout = '2s';
SET statement_timeout = '10min';

CREATE INDEX IF NOT EXISTS measurements_device_id_idx ON measurements (device_id);

ALTER TABLE measurements DETACH PARTITION measurements_2023;
