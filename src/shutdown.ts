// Ending the process fit for containers: on SIGTERM/SIGINT readiness turns 503 at once, the
// server keeps serving for the drain period (load balancers notice), then stops accepting
// and lets in-flight requests finish; whatever is still running at the grace deadline is cut
// (exit 1). Uncaught exceptions and unhandled rejections are logged once and take the same path.
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';

export function handleShutdown(app: FastifyInstance, cfg: Config['shutdown'], closeResources: () => Promise<void>): void {
  closeWithGrace(
    {
      delay: cfg.graceMs,
      logger: false,
      onTimeout: (ms) => app.log.error({ graceMs: ms }, 'shutdown grace exceeded; exiting'),
      onSecondSignal: (signal) => app.log.warn({ signal }, 'second signal; exiting now'),
      onSecondError: (err) => app.log.fatal({ err }, 'error while shutting down; exiting now'),
    },
    async ({ signal, err }) => {
      app.readiness.draining = true;
      if (err) app.log.fatal({ err }, 'uncaught error; shutting down');
      else app.log.info({ signal, drainMs: cfg.drainMs, graceMs: cfg.graceMs }, 'shutting down');
      if (signal && cfg.drainMs) await new Promise((r) => setTimeout(r, cfg.drainMs));
      await app.close(); // stops accepting, waits for in-flight requests
      await closeResources();
    },
  );
}
