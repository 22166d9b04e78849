// `polydesk webhook ...`: manage webhook endpoints from the command line (same rules as
// /admin/v1/webhooks).
import { loadConfig } from '../config.js';
import type { Db } from '../db/client.js';
import { WEBHOOK_EVENT_TYPES } from '../domain/outbox.js';
import { createEndpoint, deleteEndpoint, listDeliveries, listEndpoints, retryDelivery, rotateSecret } from '../webhooks/endpoints.js';
import { required, UsageError, type Parsed } from './args.js';

type Out = (line: string) => void;
type Command = (db: Db, parsed: Parsed, out: Out) => Promise<void>;

export const WEBHOOK_USAGE = `  polydesk webhook create --workspace S --url U [--events ticket.created,message.created|*] [--description D]   (prints the secret once)
  polydesk webhook list|deliveries|rotate-secret|delete --workspace S [--id N]
  polydesk webhook retry --workspace S --id N --delivery D`;

async function workspaceId(db: Db, flags: Parsed['flags']): Promise<number> {
  const slug = required(flags, 'workspace');
  const ws = await db.workspace.findUnique({ where: { slug }, select: { id: true } });
  if (!ws) throw new UsageError(`workspace "${slug}" does not exist`);
  return ws.id;
}

function intFlag(flags: Parsed['flags'], name: string): number {
  const n = Number(required(flags, name));
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`--${name} must be a positive integer`);
  return n;
}

const settings = () => loadConfig().webhooks;

export const webhookCommands: Record<string, Command> = {
  async 'webhook create'(db, { flags }, out) {
    const events = typeof flags.events === 'string' ? flags.events.split(',').map((e) => e.trim()) : ['*'];
    const bad = events.filter((e) => e !== '*' && !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(e));
    if (bad.length) throw new UsageError(`unknown event type ${bad.join(', ')}; one of *, ${WEBHOOK_EVENT_TYPES.join(', ')}`);
    const description = typeof flags.description === 'string' ? flags.description : '';
    const e = await createEndpoint(db, settings(), await workspaceId(db, flags), { url: required(flags, 'url'), events, description });
    out(`webhook ${e.id} created for ${e.url} (${e.events.join(', ')})`);
    out(`signing secret (shown once): ${e.secret}`);
  },
  async 'webhook list'(db, { flags }, out) {
    for (const e of await listEndpoints(db, await workspaceId(db, flags))) out(`${e.id}\t${e.enabled ? 'enabled' : 'disabled'}\t${e.url}\t${e.events.join(',')}\t${e.description}`);
  },
  async 'webhook delete'(db, { flags }, out) {
    await deleteEndpoint(db, await workspaceId(db, flags), intFlag(flags, 'id'));
    out('deleted');
  },
  async 'webhook rotate-secret'(db, { flags }, out) {
    const { secret } = await rotateSecret(db, settings(), await workspaceId(db, flags), intFlag(flags, 'id'));
    out(`new signing secret (shown once): ${secret}`);
  },
  async 'webhook deliveries'(db, { flags }, out) {
    for (const d of await listDeliveries(db, await workspaceId(db, flags), intFlag(flags, 'id'), 50)) {
      out(`${d.id}\t${d.eventId}\t${d.type}\t${d.status}\tattempts=${d.attempts}\t${d.lastStatusCode ?? '-'}\t${d.lastError ?? ''}`);
    }
  },
  async 'webhook retry'(db, { flags }, out) {
    await retryDelivery(db, await workspaceId(db, flags), intFlag(flags, 'id'), intFlag(flags, 'delivery'));
    out('queued for another attempt');
  },
};
