// WebAssembly code memory of the server process. PGlite (PostgreSQL) and Prisma's query
// compiler are large WASM modules: V8 compiles each function with its baseline compiler
// (Liftoff) and, once hot, again with its optimizing one (TurboFan), and keeps both. Baseline
// code only measured about 45 MB less resident memory for the embedded default (idle and
// under load), at 7-10% fewer embedded reads per second and no slower start-up; TurboFan only
// saved 20-40 MB but doubled the start-up (5 s, compiling at first use). Imported first by
// main.ts, before any module is compiled; tests and the CLI keep V8's defaults.
import v8 from 'node:v8';

v8.setFlagsFromString('--liftoff-only');
