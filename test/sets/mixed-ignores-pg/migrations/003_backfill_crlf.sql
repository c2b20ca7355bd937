-- ddlguard-ignore-file unbatched-delete
-- Backfill with CRLF line endings (written on Windows)
BEGIN;
	UPDATE "café" SET prix = 4.5 WHERE id BETWEEN 1 AND 1000;
	UPDATE "café" SET prix = 0;
	DELETE FROM "café" WHERE prix IS NULL;
	ALTER TABLE "café" ADD COLUMN	"catégorie" text NOT NULL;
COMMIT;

CREATE INDEX CONCURRENTLY cafe_prix_idx ON "café" (prix);
CREATE INDEX cafe_remarque_idx ON "café" (remarque);
DROP INDEX IF EXISTS cafe_legacy_idx; -- ddlguard-ignore require-concurrent-index-deletion
