// Where webhooks may be sent: http(s) URLs whose addresses are public, unless
// WEBHOOK_ALLOW_PRIVATE=true. Checked when an endpoint is saved and again on every
// connection (the resolved address), so a DNS change cannot point a delivery inward.
import { BlockList, isIP } from 'node:net';
import { lookup } from 'node:dns/promises';

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96], ['2001:db8::', 32]] as const) {
  blocked.addSubnet(net, bits, 'ipv6');
}

/** Loopback, private, link-local, multicast and reserved addresses. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) return blocked.check(address, 'ipv6');
  return true; // not an address: refuse
}

export class TargetError extends Error {}

/** The URL's shape: absolute http(s), no credentials. */
export function parseTarget(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetError('url must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TargetError('url must use http or https');
  if (url.username || url.password) throw new TargetError('url must not carry credentials');
  return url;
}

const bareHost = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

/** Shape and addresses; for saving an endpoint. */
export async function validateTarget(raw: string, allowPrivate: boolean): Promise<URL> {
  const url = parseTarget(raw);
  if (allowPrivate) return url;
  const host = bareHost(url);
  const addresses = isIP(host) ? [host] : await lookup(host, { all: true }).then((r) => r.map((a) => a.address), () => [] as string[]);
  if (!addresses.length) throw new TargetError(`url host ${host} does not resolve`);
  if (addresses.some(isPrivateAddress)) throw new TargetError('url must not point to a private, loopback or link-local address');
  return url;
}
