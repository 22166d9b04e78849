// polydesk migrate: opening the database applies pending migrations; report which.
import { defineCommand } from '../command.js';

export default defineCommand({
  summary: 'apply pending database migrations',
  usage: '',
  options: {},
  async run({ applied, out }) {
    out(applied.length ? `applied ${applied.join(', ')}` : 'database is up to date');
  },
});
