// The HS256 secret for Suptask JWTs. In production (NODE_ENV=production) it must come from
// JWT_SECRET: the server refuses to start without it, and never writes a secret to the
// database, where anyone reading a backup could mint tokens. Elsewhere (development, tests)
// a generated secret is kept in the database so restarts and instances agree.
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';
import { ConfigError } from '../config.js';

const KEY = 'jwt_secret';

export async function jwtSecret(db: Db, configured: string | undefined, opts: { production?: boolean } = {}): Promise<string> {
  if (configured) {
    // A development secret left from before is dead weight at best: remove it.
    await db.serverSetting.deleteMany({ where: { key: KEY } });
    return configured;
  }
  if (opts.production) throw new ConfigError('invalid configuration: JWT_SECRET: required when NODE_ENV=production (at least 16 characters; see SECURITY.md)');
  const existing = await db.serverSetting.findUnique({ where: { key: KEY } });
  if (existing) return existing.value;
  await db.serverSetting.createMany({ data: [{ key: KEY, value: randomBytes(32).toString('base64url') }], skipDuplicates: true });
  return (await db.serverSetting.findUniqueOrThrow({ where: { key: KEY } })).value;
}
