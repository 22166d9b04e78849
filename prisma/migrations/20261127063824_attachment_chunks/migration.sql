-- CreateTable
CREATE TABLE "AttachmentChunk" (
    "key" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AttachmentChunk_pkey" PRIMARY KEY ("key","seq")
);

-- CreateIndex
CREATE INDEX "Attachment_storagePath_idx" ON "Attachment"("storagePath");

-- Bytes go with their row, in the deleting transaction, whichever path deletes it (a ticket's
-- cascade, a message, the sweeper). Keys of the postgres driver are unique per upload.
-- The body spells semicolons as \073 so the script also runs where migrations are split at each one.
CREATE FUNCTION "attachment_chunks_delete"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN DELETE FROM "AttachmentChunk" WHERE "key" = OLD."storagePath"\073 RETURN NULL\073 END';

CREATE TRIGGER "Attachment_chunks_delete" AFTER DELETE ON "Attachment"
  FOR EACH ROW EXECUTE FUNCTION "attachment_chunks_delete"();
