// The dialects polydesk serves. To add one: a folder under src/dialects/<name>/ whose
// index.ts default-exports a Fastify plugin, a prefix in config.ts, and a line here.
import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../config.js';
import suptask from './suptask/index.js';
import supportbee from './supportbee/index.js';
import crm from './crm/index.js';
import taskip from './taskip/index.js';
import sympoq from './sympoq/index.js';

export type DialectName = keyof Config['prefixes'];

export interface Dialect {
  name: DialectName;
  title: string;
  plugin: FastifyPluginAsync;
}

export const dialects: Dialect[] = [
  { name: 'suptask', title: 'Suptask Ticketing API (polydesk)', plugin: suptask },
  { name: 'supportbee', title: 'SupportBee API (polydesk)', plugin: supportbee },
  { name: 'crm', title: 'CRM Tickets API (polydesk)', plugin: crm },
  { name: 'taskip', title: 'TaskIP Support Ticket API (polydesk)', plugin: taskip },
  { name: 'sympoq', title: 'Sympoq Desk API (polydesk)', plugin: sympoq },
];
