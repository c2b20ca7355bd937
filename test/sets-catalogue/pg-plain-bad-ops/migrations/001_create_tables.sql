CREATE TABLE IF NOT EXISTS measurements (
    device_id bigint NOT NULL,
    recorded_at timestamptz NOT NULL,
    reading numeric NOT NULL
) PARTITION BY RANGE (recorded_at);

CREATE TABLE IF NOT EXISTS measurements_2023 PARTITION OF measurements
    FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');

CREATE TABLE IF NOT EXISTS measurements_2024 PARTITION OF measurements
    FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

CREATE TABLE IF NOT EXISTS bookings (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    room_id bigint NOT NULL,
    during tstzrange NOT NULL,
    note text
);

CREATE TABLE IF NOT EXISTS reports (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title text NOT NULL,
    body text
);

CREATE TABLE widgets (
    id bigint PRIMARY KEY,
    label text
);
