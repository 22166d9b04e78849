// polydesk <command>: migrate, workspace create, user create, token create, seed --demo.
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { isDomainError } from '../domain/errors.js';
import { parseArgs, UsageError } from './args.js';
import { seedDemo, tokenCreate, userCreate, workspaceCreate } from './commands.js';
import { WEBHOOK_USAGE, webhookCommands } from './webhooks.js';

const USAGE = `usage:
  polydesk migrate
  polydesk workspace create <slug> [--name N]
  polydesk user create --workspace S --email E --name N --role admin|agent|collaborator|customer [--slack-id U]
  polydesk token create --workspace S --email E [--name N]     (prints only the token)
  polydesk seed --demo [--workspace S]
${WEBHOOK_USAGE}`;

export async function runCli(argv: string[], out: (line: string) => void = (l) => process.stdout.write(l + '\n')): Promise<number> {
  const parsed = parseArgs(argv);
  const [cmd, sub] = parsed.positionals;
  const key = [cmd, sub].filter(Boolean).join(' ');
  const commands: Record<string, typeof workspaceCreate> = {
    'workspace create': workspaceCreate,
    'user create': userCreate,
    'token create': tokenCreate,
    ...webhookCommands,
  };
  const run = cmd === 'seed' ? seedDemo : commands[key];
  if (cmd !== 'migrate' && !run) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  let db;
  try {
    db = await openDatabase(loadConfig().database);
    if (cmd === 'migrate') out(db.applied.length ? `applied ${db.applied.join(', ')}` : 'database is up to date');
    else await run!(db.prisma, parsed, out);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof ConfigError || isDomainError(err)) {
      process.stderr.write(`error: ${err.message}\n`);
      return 2;
    }
    throw err;
  } finally {
    await db?.close();
  }
}

if (process.argv[1] && /cli[\\/]main\.ts$|bin[\\/]polydesk(\.js)?$/.test(process.argv[1])) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
