-- ddlguard-ignore require-concurrent-index-creation
CREATE INDEX cafe_note_idx ON "café" (note);

-- ddlguard-ignore renaming-column
ALTER TABLE "café" ADD COLUMN prix numeric(8, 2);

UPDATE "café" SET note = 'déjà vu' WHERE note IS NULL; -- ddlguard-ignore unbatched-update

-- ddlguard-ignore no-such-rule
DROP INDEX CONCURRENTLY IF EXISTS cafe_old_idx;

-- ddlguard-ignore
ALTER TABLE "café" RENAME COLUMN note TO remarque;

SELECT 'été'; ALTER TABLE "café" ADD COLUMN "numéro" integer NOT NULL;
UPDATE "café" SET "naïve_name" = 'thé vert' WHERE "naïve_name" = '日本茶';
DROP INDEX cafe_name_idx;
