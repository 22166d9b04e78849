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
  /** OpenAPI security schemes of the vendor, and which of them a request may use. */
  security: { schemes: Record<string, object>; use: string[] };
}

const header = (name: string, description: string) => ({ type: 'apiKey', in: 'header', name, description });
const bearer = (description: string, bearerFormat?: string) => ({ type: 'http', scheme: 'bearer', ...(bearerFormat ? { bearerFormat } : {}), description });

export const dialects: Dialect[] = [
  {
    name: 'suptask',
    title: 'Suptask Ticketing API (polydesk)',
    plugin: suptask,
    security: {
      schemes: {
        apiTokenAuth: header('Authorization', 'Use the value `Api-Token <your-token>`.'),
        bearerAuth: bearer('A JWT minted by POST /admin/v1/jwt, carrying user and team.', 'JWT'),
      },
      use: ['apiTokenAuth', 'bearerAuth'],
    },
  },
  {
    name: 'supportbee',
    title: 'SupportBee API (polydesk)',
    plugin: supportbee,
    security: {
      schemes: { bearerAuth: bearer('Your API token.'), authToken: { type: 'apiKey', in: 'query', name: 'auth_token', description: 'Your API token as a query parameter.' } },
      use: ['bearerAuth', 'authToken'],
    },
  },
  { name: 'crm', title: 'CRM Tickets API (polydesk)', plugin: crm, security: { schemes: { bearerAuth: bearer('Your API key.') }, use: ['bearerAuth'] } },
  { name: 'taskip', title: 'TaskIP Support Ticket API (polydesk)', plugin: taskip, security: { schemes: { secretKey: header('X-Secret-Key', 'Your secret key.') }, use: ['secretKey'] } },
  { name: 'sympoq', title: 'Sympoq Desk API (polydesk)', plugin: sympoq, security: { schemes: { apikey: header('apikey', 'Your API key.') }, use: ['apikey'] } },
];

export const adminSecurity: Dialect['security'] = { schemes: { bearerAuth: bearer('An admin API token.') }, use: ['bearerAuth'] };
