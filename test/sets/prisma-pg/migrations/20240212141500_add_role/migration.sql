/*
  Warnings:

  - Added the required column `role` to the `User` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE "User" ADD COLUMN     "role" "Role" NOT NULL,
ADD COLUMN     "bio" TEXT;

-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "published" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Post_authorId_idx" ON "Post"("authorId");

-- DropIndex
DROP INDEX "User_name_idx";
