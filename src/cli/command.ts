// What one CLI command is: its flags (node:util parseArgs, strict), its help text and run().
import type { ParseArgsConfig } from 'node:util';
import type { Db } from '../db/client.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Values parseArgs yields for `O`: strings for string flags, booleans for switches. */
export type Values<O extends Options> = {
  [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string;
};

export interface CommandContext<O extends Options> {
  db: Db;
  values: Values<O>;
  positionals: string[];
  /** One line of standard output (the only thing scripts capture). */
  out(line: string): void;
  /** Names of the migrations applied while opening the database. */
  applied: string[];
}

export interface Command<O extends Options = Options> {
  summary: string;
  /** Arguments after the command name, as shown in help. */
  usage: string;
  /** One line per flag, shown by `polydesk <command> --help`. */
  help?: string[];
  options: O;
  /** How many positional arguments the command takes (default none). */
  positionals?: number;
  run(ctx: CommandContext<O>): Promise<void>;
}

/** Bad input from the command line: printed as one line, exit code 2. */
export class UsageError extends Error {}

export function defineCommand<O extends Options>(command: Command<O>): Command<O> {
  return command;
}

export function requireValue(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`--${flag} is required`);
  return value;
}
