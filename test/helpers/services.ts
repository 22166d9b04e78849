// Dependencies a test can break on purpose: its own redis-server on a free port, and a TCP
// proxy in front of PostgreSQL that can be stopped (connections refused) and started again.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/** A throwaway redis-server; `stop` kills it (SIGKILL), `start` brings it back on the same port. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    if (child && child.exitCode === null && child.signalCode === null) return;
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    const deadline = Date.now() + 10_000;
    while (!/Ready to accept connections/.test(out)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`redis-server did not start: ${out}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const stop = async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, start, stop };
}

export interface TcpProxy {
  port: number;
  /** Closes the listener and cuts every open connection: clients see refused connections. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Keeps connections open but holds everything sent (a hung server); `thaw` delivers it and resumes. */
  freeze(): void;
  thaw(): void;
}

export async function tcpProxy(targetHost: string, targetPort: number, port = 0): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  let server: net.Server | undefined;
  let frozen = false;
  const held: [net.Socket, Buffer][] = [];
  const start = async () => {
    if (server?.listening) return;
    server = net.createServer((client) => {
      const upstream = net.connect(targetPort, targetHost);
      for (const s of [client, upstream]) {
        open.add(s);
        s.on('close', () => open.delete(s));
        s.on('error', () => (s === client ? upstream : client).destroy());
      }
      client.on('data', (d: Buffer) => (frozen ? held.push([upstream, d]) : upstream.write(d)));
      upstream.on('data', (d: Buffer) => (frozen ? held.push([client, d]) : client.write(d)));
    });
    await new Promise<void>((r) => server!.listen(port, '127.0.0.1', r));
    port = (server.address() as net.AddressInfo).port;
  };
  await start();
  return {
    get port() {
      return port;
    },
    async stop() {
      const closed = new Promise((r) => server!.close(r));
      for (const s of open) s.destroy();
      await closed;
    },
    start,
    freeze: () => void (frozen = true),
    thaw: () => {
      frozen = false;
      for (const [to, d] of held.splice(0)) if (!to.destroyed) to.write(d);
    },
  };
}
