-- Menu for the café — prices in €
CREATE TABLE "café" (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "naïve_name" text NOT NULL,
    note text
);
INSERT INTO "café" ("naïve_name", note) VALUES ('crème brûlée', 'très bon'), ('日本茶', NULL);
CREATE INDEX cafe_name_idx ON "café" ("naïve_name");
