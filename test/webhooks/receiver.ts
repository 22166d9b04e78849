// A real webhook receiver for tests: an HTTP server on a free loopback port that verifies
// every request with the standardwebhooks library and records what arrived.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  type: string;
  body: any;
  status: number;
}

export class Receiver {
  readonly received: Received[] = [];
  /** Every verified request's webhook-id, answered or held. */
  readonly seen: string[] = [];
  /** Requests whose signature did not verify (must stay empty). */
  readonly rejected: string[] = [];
  /** Status codes to answer, in order; 200 once used up. */
  script: number[] = [];
  /** Holds requests unanswered (simulating a slow receiver) while set. */
  hold = false;
  secret = '';
  port = 0;
  private server: http.Server | null = null;
  private readonly sockets = new Set<import('node:net').Socket>();

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  async start(port = 0): Promise<void> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let body: any;
        try {
          body = new Webhook(this.secret).verify(raw, req.headers as Record<string, string>);
        } catch (err) {
          this.rejected.push(`${(err as Error).message}: ${raw.slice(0, 100)}`);
          res.writeHead(400).end();
          return;
        }
        this.seen.push(String(req.headers['webhook-id']));
        if (this.hold) return; // never answered
        const status = this.script.shift() ?? 200;
        this.received.push({ id: String(req.headers['webhook-id']), type: body.type, body, status });
        res.writeHead(status).end();
      });
    });
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Down: the port refuses connections until start(port) again. */
  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    this.server = null;
  }

  /** Accepted (2xx) deliveries. */
  delivered(): Received[] {
    return this.received.filter((r) => r.status >= 200 && r.status < 300);
  }
}

export async function until<T>(what: string, check: () => T | Promise<T>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
