// Process entry: configuration, database (migrated), bootstrap, listen, graceful shutdown.
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { bootstrap } from './domain/workspaces.js';
import { listenMetrics } from './http/metrics.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const db = await openDatabase(config.database);
  const boot = await bootstrap(db.prisma, config.bootstrap);
  const app = await buildApp(config, db.prisma, { poolStats: db.stats });
  if (db.applied.length) app.log.info({ migrations: db.applied }, 'migrations applied');
  if (boot?.generatedToken) {
    // Shown once, on stdout only, never logged; the CLI command below makes another.
    process.stdout.write(
      `\nFirst start: created workspace "${boot.workspaceSlug}" and its admin.\n` +
        `Admin API token (shown once, keep it safe):\n\n    ${boot.generatedToken}\n\n` +
        `Lost it? Create another (with the embedded database, stop the server first):\n\n` +
        `    npx polydesk token create --workspace ${boot.workspaceSlug} --admin\n\n`,
    );
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 15_000).unref();
    try {
      await app.close(); // stops accepting, waits for in-flight requests
      await db.close();
      clearTimeout(timer);
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  const where = config.database.kind === 'postgres' ? 'PostgreSQL' : `PGlite at ${config.database.dataDir}`;
  await app.listen({ port: config.port, host: config.host });
  const metricsPort = await listenMetrics(app, config);
  app.log.info({ database: where, ...(metricsPort !== null ? { metricsPort } : {}) }, 'polydesk ready');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
