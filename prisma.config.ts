// Used by the Prisma CLI only (`prisma generate`, and `prisma migrate deploy` on
// machines that have Prisma's native engine). The server migrates itself at start-up.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/polydesk' },
});
