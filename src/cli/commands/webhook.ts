// `polydesk webhook ...`: manage webhook endpoints from the command line (same rules as
// /admin/v1/webhooks). One module, one named command per verb.
import { loadConfig } from '../../config.js';
import type { Db } from '../../db/client.js';
import { WEBHOOK_EVENT_TYPES } from '../../domain/outbox.js';
import { createEndpoint, deleteEndpoint, listDeliveries, listEndpoints, retryDelivery, rotateSecret } from '../../webhooks/endpoints.js';
import { defineCommand, requireValue, UsageError } from '../command.js';
import { workspaceBySlug } from './workspace.js';

const settings = () => loadConfig().webhooks;
const workspaceId = async (db: Db, slug: string | undefined) => (await workspaceBySlug(db, requireValue(slug, 'workspace'))).id;

function positiveInt(value: string | undefined, flag: string): number {
  const n = Number(requireValue(value, flag));
  if (!/^\d+$/.test(value!) || !Number.isSafeInteger(n) || n <= 0) throw new UsageError(`--${flag} must be a positive integer`);
  return n;
}

const wsFlag = '--workspace S   workspace slug';
const idFlag = '--id N          webhook endpoint id';
const byId = { workspace: { type: 'string' }, id: { type: 'string' } } as const;

export const create = defineCommand({
  summary: 'create a webhook endpoint (prints its signing secret once)',
  usage: '--workspace S --url U [--events a,b|*] [--description D]',
  help: [wsFlag, '--url U         http(s) URL that receives the events', `--events E      comma-separated: *, ${WEBHOOK_EVENT_TYPES.join(', ')} (default *)`, '--description D free text'],
  options: { workspace: { type: 'string' }, url: { type: 'string' }, events: { type: 'string' }, description: { type: 'string' } },
  async run({ db, values, out }) {
    const events = values.events ? values.events.split(',').map((e) => e.trim()) : ['*'];
    const bad = events.filter((e) => e !== '*' && !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(e));
    if (bad.length) throw new UsageError(`unknown event type ${bad.join(', ')}; one of *, ${WEBHOOK_EVENT_TYPES.join(', ')}`);
    const e = await createEndpoint(db, settings(), await workspaceId(db, values.workspace), { url: requireValue(values.url, 'url'), events, description: values.description ?? '' });
    out(`webhook ${e.id} created for ${e.url} (${e.events.join(', ')})`);
    out(`signing secret (shown once): ${e.secret}`);
  },
});

export const list = defineCommand({
  summary: "list a workspace's webhook endpoints",
  usage: '--workspace S',
  help: [wsFlag],
  options: { workspace: { type: 'string' } },
  async run({ db, values, out }) {
    for (const e of await listEndpoints(db, await workspaceId(db, values.workspace))) out(`${e.id}\t${e.enabled ? 'enabled' : 'disabled'}\t${e.url}\t${e.events.join(',')}\t${e.description}`);
  },
});

export const remove = defineCommand({
  summary: 'delete a webhook endpoint',
  usage: '--workspace S --id N',
  help: [wsFlag, idFlag],
  options: byId,
  async run({ db, values, out }) {
    await deleteEndpoint(db, await workspaceId(db, values.workspace), positiveInt(values.id, 'id'));
    out('deleted');
  },
});

export const rotate = defineCommand({
  summary: "replace a webhook endpoint's signing secret (prints the new one once)",
  usage: '--workspace S --id N',
  help: [wsFlag, idFlag],
  options: byId,
  async run({ db, values, out }) {
    const { secret } = await rotateSecret(db, settings(), await workspaceId(db, values.workspace), positiveInt(values.id, 'id'));
    out(`new signing secret (shown once): ${secret}`);
  },
});

export const deliveries = defineCommand({
  summary: "a webhook endpoint's latest 50 deliveries, newest first",
  usage: '--workspace S --id N',
  help: [wsFlag, idFlag],
  options: byId,
  async run({ db, values, out }) {
    for (const d of await listDeliveries(db, await workspaceId(db, values.workspace), positiveInt(values.id, 'id'), 50)) {
      out(`${d.id}\t${d.eventId}\t${d.type}\t${d.status}\tattempts=${d.attempts}\t${d.lastStatusCode ?? '-'}\t${d.lastError ?? ''}`);
    }
  },
});

export const retry = defineCommand({
  summary: 'queue a delivery for another attempt',
  usage: '--workspace S --id N --delivery D',
  help: [wsFlag, idFlag, '--delivery D    delivery id'],
  options: { ...byId, delivery: { type: 'string' } },
  async run({ db, values, out }) {
    await retryDelivery(db, await workspaceId(db, values.workspace), positiveInt(values.id, 'id'), positiveInt(values.delivery, 'delivery'));
    out('queued for another attempt');
  },
});
