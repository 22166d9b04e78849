-- Substring search (ILIKE '%q%') on ticket subject and description and on message bodies.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "Message_bodyText_trgm_idx" ON "Message" USING GIN ("bodyText" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Ticket_subject_trgm_idx" ON "Ticket" USING GIN ("subject" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Ticket_descriptionText_trgm_idx" ON "Ticket" USING GIN ("descriptionText" gin_trgm_ops);
