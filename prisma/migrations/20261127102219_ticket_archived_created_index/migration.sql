-- CreateIndex
CREATE INDEX "Ticket_workspaceId_archived_createdAt_id_idx" ON "Ticket"("workspaceId", "archived", "createdAt" DESC, "id" DESC);
