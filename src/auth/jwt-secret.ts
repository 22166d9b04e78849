// The HS256 secret: JWT_SECRET when configured, otherwise one generated once and kept in
// the database so every instance and every restart verifies the same JWTs.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';

const KEY = 'jwt_secret';

export async function jwtSecret(db: Db, configured?: string): Promise<string> {
  if (configured) return configured;
  const existing = await db.serverSetting.findUnique({ where: { key: KEY } });
  if (existing) return existing.value;
  await db.serverSetting.createMany({ data: [{ key: KEY, value: randomBytes(32).toString('base64url') }], skipDuplicates: true });
  return (await db.serverSetting.findUniqueOrThrow({ where: { key: KEY } })).value;
}
