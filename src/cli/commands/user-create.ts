// polydesk user create --workspace S --email E --name N --role R [--slack-id U]
import { defineCommand, requireValue, UsageError } from '../command.js';
import { workspaceBySlug } from './workspace.js';

const ROLES = ['admin', 'agent', 'collaborator', 'customer'] as const;
type Role = (typeof ROLES)[number];

export default defineCommand({
  summary: 'create a user in a workspace',
  usage: '--workspace S --email E --name N --role admin|agent|collaborator|customer [--slack-id U]',
  help: ['--workspace S   workspace slug', '--email E       e-mail address (unique in the workspace)', '--name N        display name', '--role R        admin, agent, collaborator or customer', '--slack-id U    Slack member id (Suptask)'],
  options: { workspace: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, 'slack-id': { type: 'string' } },
  async run({ db, values, out }) {
    const ws = await workspaceBySlug(db, requireValue(values.workspace, 'workspace'));
    const role = requireValue(values.role, 'role');
    if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    const email = requireValue(values.email, 'email').toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new UsageError('--email is not an e-mail address');
    const name = requireValue(values.name, 'name');
    const slackId = values['slack-id'] ?? null;
    const exists = await db.user.findFirst({ where: { workspaceId: ws.id, OR: [{ email }, ...(slackId ? [{ slackId }] : [])] } });
    if (exists) throw new UsageError(`a user with that e-mail or Slack id already exists in ${ws.slug}`);
    const user = await db.user.create({ data: { workspaceId: ws.id, email, name, role: role as Role, slackId } });
    out(`user ${user.email} created (id ${user.id}, ${user.role})`);
  },
});
