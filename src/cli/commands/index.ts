// The CLI's commands: name -> module (default-exporting a Command). Adding a command is a
// new file in this folder and one line here. Loaded lazily: `--help` and one command
// load only what they need.
import type { Command } from '../command.js';

export const commands: Record<string, () => Promise<{ default: Command }>> = {
  migrate: () => import('./migrate.js'),
  'workspace create': () => import('./workspace-create.js'),
  'user create': () => import('./user-create.js'),
  'token create': () => import('./token-create.js'),
  seed: () => import('./seed.js'),
};
