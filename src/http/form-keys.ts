// Bracket keys of form-encoded bodies, as PHP, Rails and jQuery write them:
// `ticket[subject]=x`, `ticket[content][text]=y`, `tags[]=a&tags[]=b`, `ids[0]=1`.
// @fastify/formbody leaves the keys flat; this nests them the way those backends do.
import type { FastifyInstance } from 'fastify';

type Tree = Record<string, unknown>;

const KEY = /^([^[\]]+)((?:\[[^[\]]*\])+)$/;
const isTree = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);
// Keys that would reach Object.prototype are never created.
const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

function put(target: Tree | unknown[], path: string[], value: unknown): void {
  const [head, ...rest] = path;
  if (UNSAFE.has(head)) return;
  if (Array.isArray(target)) {
    // `[]` appends; a numeric index addresses the list as PHP does (order of first use).
    if (!rest.length) {
      if (head === '') target.push(...(Array.isArray(value) ? value : [value]));
      else target.push(value);
      return;
    }
    const next = rest[0] === '' ? [] : {};
    target.push(next);
    put(next, rest, value);
    return;
  }
  const key = head === '' ? String(Object.keys(target).length) : head;
  if (!rest.length) {
    target[key] = value;
    return;
  }
  const wantsList = rest[0] === '';
  let child = target[key];
  if (wantsList ? !Array.isArray(child) : !isTree(child)) {
    child = wantsList ? [] : {};
    target[key] = child;
  }
  put(child as Tree | unknown[], rest, value);
}

/**
 * Nests bracket keys; plain keys and values (JSON bodies too) pass through unchanged.
 * With `indexLists` (default), `x[0]=a&x[1]=b` becomes a list, as PHP's http_build_query means it.
 */
export function nestFormKeys(flat: Tree, { indexLists = true } = {}): Tree {
  const out: Tree = {};
  for (const [key, value] of Object.entries(flat)) {
    const m = KEY.exec(key);
    if (!m) {
      if (UNSAFE.has(key)) continue;
      // A nested object already given (JSON) merges with bracket keys for the same name.
      out[key] = isTree(value) && isTree(out[key]) ? { ...(out[key] as Tree), ...value } : value;
      continue;
    }
    const path = m[2].slice(1, -1).split('][');
    put(out, [m[1], ...path], value);
  }
  return indexLists ? (listsFromIndexes(out) as Tree) : out;
}

/** `ids[0]=1&ids[1]=2` is a list, as PHP and Rails read it. */
function listsFromIndexes(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(listsFromIndexes);
  if (!isTree(v)) return v;
  const keys = Object.keys(v);
  const entries = keys.map((k) => [k, listsFromIndexes(v[k])] as const);
  if (keys.length && keys.every((k) => /^\d+$/.test(k))) return entries.sort((a, b) => Number(a[0]) - Number(b[0])).map(([, x]) => x);
  return Object.fromEntries(entries);
}

const isForm = (type: string | undefined) => /^application\/x-www-form-urlencoded\b/i.test(type ?? '');

/** Nests the bracket keys of every form-encoded body in this plugin's routes before validation. */
export function nestFormBodies(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    if (isForm(req.headers['content-type']) && isTree(req.body)) req.body = nestFormKeys(req.body);
  });
}
