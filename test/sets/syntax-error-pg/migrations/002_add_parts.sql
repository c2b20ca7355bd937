ALTER TABLE widgets ADD COLUMN weight_grams integer NOT NULL;

-- pièces détachées
CREATE TABLE parts (
    id bigserial PRIMARY KEY,
    label text NOT NULL DEFAULT 'pièce détachée' weight_grams integer
);
