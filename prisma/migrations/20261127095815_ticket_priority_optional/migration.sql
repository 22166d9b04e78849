-- AlterTable
ALTER TABLE "Ticket" ALTER COLUMN "priority" DROP NOT NULL;
