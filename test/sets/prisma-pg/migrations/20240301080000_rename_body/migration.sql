-- AlterTable
ALTER TABLE "Post" RENAME COLUMN "body" TO "content";

-- RenameIndex
ALTER INDEX "Post_authorId_idx" RENAME TO "Post_author_idx";

-- Backfill (hand-written)
UPDATE "Post" SET "published" = true WHERE "id" BETWEEN 1 AND 500;
UPDATE "Post" SET "published" = true WHERE "title" LIKE 'Draft:%';
