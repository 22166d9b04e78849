import { seed } from './seed.js';
const s = await seed({ kind: 'postgres', url: 'postgresql://postgres@127.0.0.1:5432/pdkeep', poolSize: 4 }, 20000);
console.log(JSON.stringify(s));
