// polydesk workspace create <slug> [--name N]
import { createWorkspace } from '../../domain/workspaces.js';
import { defineCommand, UsageError } from '../command.js';

export default defineCommand({
  summary: 'create a workspace (tenant)',
  usage: '<slug> [--name N]',
  help: ['<slug>      lowercase letters, digits and dashes', '--name N    display name (default: the slug)'],
  options: { name: { type: 'string' } },
  positionals: 1,
  async run({ db, values, positionals, out }) {
    const [slug] = positionals;
    if (!slug) throw new UsageError('a workspace slug is required');
    const ws = await createWorkspace(db, { slug, name: values.name });
    out(`workspace ${ws.slug} created (id ${ws.id})`);
  },
});
