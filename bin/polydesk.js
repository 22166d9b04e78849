#!/usr/bin/env node
// The polydesk command. In a checkout with the TypeScript sources and tsx (a development
// dependency) it runs the sources, so it never lags behind them; in a production install
// or image (no sources, no tsx) it runs the compiled CLI from dist/ (`npm run build`).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const sources = new URL('../src/cli/main.ts', import.meta.url);
const compiled = new URL('../dist/cli/main.js', import.meta.url);

function tsxAvailable() {
  try {
    createRequire(import.meta.url).resolve('tsx/esm/api');
    return true;
  } catch {
    return false;
  }
}

let entry = compiled;
if (existsSync(sources) && tsxAvailable()) {
  const { register } = await import('tsx/esm/api');
  register();
  entry = sources;
} else if (!existsSync(compiled)) {
  process.stderr.write('polydesk: dist/cli/main.js is missing; run `npm run build` first\n');
  process.exit(1);
}
const { main } = await import(entry.href);
await main(process.argv.slice(2));
