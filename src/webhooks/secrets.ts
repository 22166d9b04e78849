// Endpoint signing secrets: `whsec_` + base64 of 32 random bytes, shown once. The server
// must sign with them, so they are stored recoverably: AES-256-GCM under WEBHOOK_SECRET_KEY
// when that is set (`enc:v1:...`), otherwise as they are.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export const newSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

const keyOf = (secretKey: string) => createHash('sha256').update(secretKey).digest();

export function sealSecret(secret: string, secretKey: string | undefined): string {
  if (!secretKey) return secret;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secretKey), iv);
  const ct = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `enc:v1:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${ct.toString('base64')}`;
}

export function openSecret(stored: string, secretKey: string | undefined): string {
  if (!stored.startsWith('enc:v1:')) return stored;
  if (!secretKey) throw new Error('webhook secret is encrypted but WEBHOOK_SECRET_KEY is not set');
  const [iv, tag, ct] = stored.slice('enc:v1:'.length).split(':').map((p) => Buffer.from(p, 'base64'));
  const decipher = createDecipheriv('aes-256-gcm', keyOf(secretKey), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
}
