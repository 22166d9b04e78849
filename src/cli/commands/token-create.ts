// polydesk token create --workspace S (--email E | --admin) [--name N]: prints only the
// token, so `TOKEN=$(npx polydesk token create ...)` captures it. --admin picks the
// workspace's first admin: the way back in when the first-start token is lost.
import { createApiToken } from '../../auth/tokens.js';
import { defineCommand, requireValue, UsageError } from '../command.js';
import { workspaceBySlug } from './workspace.js';

export default defineCommand({
  summary: 'create an API token for a user (prints only the token)',
  usage: '--workspace S (--email E | --admin) [--name N]',
  help: ["--workspace S   workspace slug (the first-start workspace is 'default')", '--email E       the user the token acts as', "--admin         the workspace's first admin instead (recovers a lost admin token)", "--name N        the token's label (default: cli)"],
  options: { workspace: { type: 'string' }, email: { type: 'string' }, admin: { type: 'boolean' }, name: { type: 'string' } },
  async run({ db, values, out }) {
    const ws = await workspaceBySlug(db, requireValue(values.workspace, 'workspace'));
    if (values.admin && values.email) throw new UsageError('give --email or --admin, not both');
    let user;
    if (values.admin) {
      user = await db.user.findFirst({ where: { workspaceId: ws.id, role: 'admin', type: 'user' }, orderBy: { id: 'asc' } });
      if (!user) throw new UsageError(`workspace ${ws.slug} has no admin`);
    } else {
      const email = requireValue(values.email, 'email (or --admin)').toLowerCase();
      user = await db.user.findFirst({ where: { workspaceId: ws.id, email } });
      if (!user) throw new UsageError(`no user ${email} in ${ws.slug}`);
    }
    const { secret } = await createApiToken(db, { workspaceId: ws.id, userId: user.id, name: values.name ?? 'cli' });
    out(secret);
  },
});
