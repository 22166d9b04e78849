// polydesk <command> [args]: dispatches to the command table (commands/index.ts), parses
// flags strictly (unknown flags are errors, exit 2) and opens the database only to run a
// command, never for --help.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { isDomainError } from '../domain/errors.js';
import { UsageError, type Command } from './command.js';
import { commands } from './commands/index.js';

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

const stdio: Io = {
  out: (l) => process.stdout.write(l + '\n'),
  err: (l) => process.stderr.write(l + '\n'),
};

const commandLine = (name: string, c: Command) => `  polydesk ${name}${c.usage ? ' ' + c.usage : ''}`;

async function usage(): Promise<string> {
  const lines = ['usage: polydesk <command> [options]', '', 'commands:'];
  for (const [name, load] of Object.entries(commands)) {
    const c = (await load()).default;
    lines.push(commandLine(name, c), `      ${c.summary}`);
  }
  lines.push('', "'polydesk <command> --help' describes a command. Configuration comes from the", 'environment, as for the server (DATABASE_URL, DATA_DIR).');
  return lines.join('\n');
}

function commandHelp(name: string, c: Command): string {
  return [`usage:\n${commandLine(name, c)}`, '', c.summary, ...(c.help?.length ? ['', ...c.help.map((h) => '  ' + h)] : [])].join('\n');
}

/** The command named by the leading words of argv (two words before one), and the rest. */
function findCommand(argv: string[]): { name: string; rest: string[] } | null {
  const words = argv.slice(0, 2).filter((w) => !w.startsWith('-'));
  for (let n = words.length; n > 0; n--) {
    const name = words.slice(0, n).join(' ');
    if (name in commands) return { name, rest: argv.slice(n) };
  }
  return null;
}

// parseArgs reports unknown flags, missing values and stray arguments as coded TypeErrors.
const isParseArgsError = (err: unknown): err is TypeError =>
  err instanceof TypeError && String((err as TypeError & { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');

function describe(err: Error): string {
  const unknown = /^Unknown option '([^']+)'/.exec(err.message); // drop parseArgs' advice about '--'
  return unknown ? `unknown option '${unknown[1]}'` : err.message;
}

/** Runs one command line; resolves to the exit code (0 ok, 2 usage or input errors). */
export async function runCli(argv: string[], io: Io = stdio): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help')) {
    io.out(await usage());
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    if (argv.length) io.err(`polydesk: unknown command '${argv.filter((w) => !w.startsWith('-')).slice(0, 2).join(' ') || argv[0]}'\n`);
    io.err(await usage());
    return 2;
  }
  const { name, rest } = found;
  const command = (await commands[name]()).default;
  let db: Database | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: (command.positionals ?? 0) > 0,
    });
    if (values.help) {
      io.out(commandHelp(name, command));
      return 0;
    }
    if (positionals.length > (command.positionals ?? 0)) throw new UsageError(`unexpected argument '${positionals[command.positionals ?? 0]}'`);
    const { openDatabase } = await import('../db/client.js'); // not for --help
    const target = loadConfig().database;
    // `migrate` migrates: a new embedded database is made the long way, not from the build's template.
    db = await openDatabase(name === 'migrate' && target.kind === 'pglite' ? { ...target, template: false } : target);
    await command.run({ db: db.prisma, values: values as never, positionals, out: io.out, applied: db.applied });
    return 0;
  } catch (err) {
    if (err instanceof UsageError || isParseArgsError(err)) {
      io.err(`polydesk ${name}: ${describe(err)}`);
      io.err(`see 'polydesk ${name} --help'`);
      return 2;
    }
    if (err instanceof ConfigError || isDomainError(err)) {
      io.err(`polydesk ${name}: ${err.message}`);
      return 2;
    }
    throw err;
  } finally {
    await db?.close();
  }
}

/** Process entry (bin/polydesk.js, or `node dist/cli/main.js`). */
export async function main(argv: string[]): Promise<void> {
  try {
    process.exit(await runCli(argv));
  } catch (err) {
    process.stderr.write(`polydesk: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}

const invokedDirectly = (() => {
  try {
    return !!process.argv[1] && pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url;
  } catch {
    return false;
  }
})();
if (invokedDirectly) await main(process.argv.slice(2));
