// Process entry: configuration, database (migrated), bootstrap, listen, graceful shutdown.
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { describeDatabaseUrl, openDatabaseWithRetry } from './db/availability.js';
import { bootstrap } from './domain/workspaces.js';
import { handleShutdown } from './shutdown.js';
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
  const target = config.database;
  const db = await openDatabaseWithRetry(target, config.databaseStartupTimeoutMs, (attempt, delayMs) => {
    if (target.kind === 'postgres') console.error(`database not reachable at DATABASE_URL ${describeDatabaseUrl(target.url)}; retry ${attempt} in ${delayMs} ms`);
  });
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

  handleShutdown(app, config.shutdown, () => db.close());

  const where = config.database.kind === 'postgres' ? 'PostgreSQL' : `PGlite at ${config.database.dataDir}`;
  await app.listen({ port: config.port, host: config.host });
  const metricsPort = await listenMetrics(app, config);
  app.log.info({ database: where, ...(metricsPort !== null ? { metricsPort } : {}) }, 'polydesk ready');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
