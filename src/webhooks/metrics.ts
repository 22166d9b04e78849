// Webhook metrics in prom-client's default registry (served by /metrics). Registered once
// per process, however many apps it builds (tests build many).
import { Counter, Gauge, register } from 'prom-client';

function once<T>(name: string, make: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? make();
}

export const deliveriesTotal = once(
  'polydesk_webhook_deliveries_total',
  () => new Counter({ name: 'polydesk_webhook_deliveries_total', help: 'Webhook delivery attempts by outcome (delivered, retry, failed).', labelNames: ['outcome'] as const }),
);

export const queueDepth = once(
  'polydesk_webhook_queue_depth',
  () => new Gauge({ name: 'polydesk_webhook_queue_depth', help: 'Webhook deliveries pending plus events not yet fanned out.' }),
);

export const oldestUndeliveredAge = once(
  'polydesk_webhook_oldest_undelivered_age_seconds',
  () => new Gauge({ name: 'polydesk_webhook_oldest_undelivered_age_seconds', help: 'Age of the oldest event not yet delivered to every subscriber (0 when none).' }),
);
