-- CreateTable
CREATE TABLE "TicketCount" (
    "workspaceId" INTEGER NOT NULL,
    "archived" BOOLEAN NOT NULL,
    "spam" BOOLEAN NOT NULL,
    "trashed" BOOLEAN NOT NULL,
    "status" "TicketStatus" NOT NULL,
    "shard" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "TicketCount_pkey" PRIMARY KEY ("workspaceId","archived","spam","trashed","status","shard")
);

-- AddForeignKey
ALTER TABLE "TicketCount" ADD CONSTRAINT "TicketCount_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Maintained by statement-level triggers: one aggregated upsert per statement (bulk writes
-- and single-row writes alike), in the writing transaction. An UPDATE that leaves the
-- counted columns alone nets to zero and writes nothing. Rows of a workspace being deleted
-- are skipped (its counter rows go with it by cascade).
-- On one line: the schema engine splits scripts at semicolons that end a line.
CREATE FUNCTION "ticket_counts_apply"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP = 'INSERT' THEN INSERT INTO "TicketCount" ("workspaceId", "archived", "spam", "trashed", "status", "shard", "count") SELECT d."workspaceId", d."archived", d."spam", d."trashed", d."status", pg_backend_pid() % 8, count(*) FROM new_rows d GROUP BY 1, 2, 3, 4, 5 ON CONFLICT ("workspaceId", "archived", "spam", "trashed", "status", "shard") DO UPDATE SET "count" = "TicketCount"."count" + EXCLUDED."count"; ELSIF TG_OP = 'DELETE' THEN INSERT INTO "TicketCount" ("workspaceId", "archived", "spam", "trashed", "status", "shard", "count") SELECT d."workspaceId", d."archived", d."spam", d."trashed", d."status", pg_backend_pid() % 8, -count(*) FROM old_rows d WHERE EXISTS (SELECT 1 FROM "Workspace" w WHERE w."id" = d."workspaceId") GROUP BY 1, 2, 3, 4, 5 ON CONFLICT ("workspaceId", "archived", "spam", "trashed", "status", "shard") DO UPDATE SET "count" = "TicketCount"."count" + EXCLUDED."count"; ELSE INSERT INTO "TicketCount" ("workspaceId", "archived", "spam", "trashed", "status", "shard", "count") SELECT d."workspaceId", d."archived", d."spam", d."trashed", d."status", pg_backend_pid() % 8, sum(d.n) FROM ( SELECT "workspaceId", "archived", "spam", "trashed", "status", 1 AS n FROM new_rows UNION ALL SELECT "workspaceId", "archived", "spam", "trashed", "status", -1 AS n FROM old_rows ) d WHERE EXISTS (SELECT 1 FROM "Workspace" w WHERE w."id" = d."workspaceId") GROUP BY 1, 2, 3, 4, 5 HAVING sum(d.n) <> 0 ON CONFLICT ("workspaceId", "archived", "spam", "trashed", "status", "shard") DO UPDATE SET "count" = "TicketCount"."count" + EXCLUDED."count"; END IF; RETURN NULL; END $$;

CREATE TRIGGER "Ticket_counts_insert" AFTER INSERT ON "Ticket" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "ticket_counts_apply"();
CREATE TRIGGER "Ticket_counts_update" AFTER UPDATE ON "Ticket" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "ticket_counts_apply"();
CREATE TRIGGER "Ticket_counts_delete" AFTER DELETE ON "Ticket" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "ticket_counts_apply"();

-- Existing tickets.
INSERT INTO "TicketCount" ("workspaceId", "archived", "spam", "trashed", "status", "shard", "count")
SELECT "workspaceId", "archived", "spam", "trashed", "status", 0, count(*) FROM "Ticket" GROUP BY 1, 2, 3, 4, 5;
