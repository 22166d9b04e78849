-- DropIndex
DROP INDEX "Ticket_workspaceId_archived_spam_trashed_lastActivityAt_idx";

-- CreateIndex
CREATE INDEX "Ticket_workspaceId_archived_spam_trashed_lastActivityAt_id_idx" ON "Ticket"("workspaceId", "archived", "spam", "trashed", "lastActivityAt" DESC, "id" DESC);
