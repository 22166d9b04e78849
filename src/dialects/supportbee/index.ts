// The supportbee dialect (not built yet: it serves no routes).
import type { FastifyPluginAsync } from 'fastify';

const plugin: FastifyPluginAsync = async () => {};
export default plugin;
