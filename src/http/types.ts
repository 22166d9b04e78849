// Request and instance decorations shared by every plugin.
import type { Principal } from '../auth/principal.js';
import type { PrincipalCache } from '../auth/principal-cache.js';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { AttachmentStore } from '../domain/attachments/store.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
    attachmentStore: AttachmentStore;
    /** Recently resolved credentials (see src/auth/principal-cache.ts). */
    principalCache: PrincipalCache;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** `optional`: the route also serves anonymous callers (principal null). */
    auth?: 'required' | 'optional';
    /** Customer-role callers may use this route; the domain limits what they see. */
    customers?: boolean;
  }
}
export {};
