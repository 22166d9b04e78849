import { seed } from './seed.js';
const s = await seed({ kind: 'postgres', url: 'postgresql://postgres@127.0.0.1:5432/pdscale', poolSize: 4 }, 1_000_000, console.error, { events: false });
console.log(JSON.stringify(s));
