// A response's JSON Schema compiled to a projection: a copy of the value with exactly the
// properties the schema declares, in schema order (unknown keys dropped, as zod's strip
// does), which JSON.stringify then writes. JSON.stringify builds the text natively; a
// serializer generated in JavaScript (fast-json-stringify) builds it from thousands of
// short strings: measured on a 1,000-ticket page, 4 to 5 times the time, most of it in
// the garbage collector.
type Schema = Record<string, unknown>;
export type Projection = (value: unknown) => unknown;

const asIs: Projection = (v) => v;
// JSON has no bigint; JSON.stringify throws on one (PostgreSQL counts come as bigint).
const numeric: Projection = (v) => (typeof v === 'bigint' ? Number(v) : v);
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

const UNSUPPORTED = ['$ref', 'allOf', 'not', 'if', 'patternProperties', 'prefixItems', 'dependencies'];

function kindOf(s: Schema): 'object' | 'array' | 'other' {
  if (s.type === 'object' || s.properties || s.additionalProperties) return 'object';
  if (s.type === 'array' || s.items) return 'array';
  return 'other';
}

function objectProjection(s: Schema): Projection | null {
  const props: [string, Projection][] = [];
  for (const [key, sub] of Object.entries((s.properties ?? {}) as Record<string, unknown>)) {
    const p = compileProjection(sub);
    if (!p) return null;
    props.push([key, p]);
  }
  const extra = s.additionalProperties === true ? asIs : isObject(s.additionalProperties) ? compileProjection(s.additionalProperties) : undefined;
  if (extra === null) return null;
  // One object literal per schema, generated: every copy gets the same hidden class, and a
  // property the value lacks stays undefined, which JSON.stringify leaves out as the schema's
  // serializer would. Keys are the schema's, written as JSON string literals.
  const fields = props.map(([key, p], i) => `${JSON.stringify(key)}: ${p === asIs ? `v[${JSON.stringify(key)}]` : `(x = v[${JSON.stringify(key)}]) === undefined ? undefined : p[${i}](x)`}`);
  const copy = new Function('p', 'isObject', `return (v) => { if (!isObject(v)) return v; let x; return { ${fields.join(', ')} }; };`)(
    props.map(([, p]) => p),
    isObject,
  ) as Projection;
  if (!extra) return copy;
  const declared = new Set(props.map(([k]) => k));
  return (v) => {
    const out = copy(v);
    if (!isObject(v) || !isObject(out)) return out;
    for (const key of Object.keys(v)) if (!declared.has(key) && v[key] !== undefined) out[key] = extra(v[key]);
    return out;
  };
}

/**
 * The projection of a (draft-7) JSON Schema, or null when the schema uses something it does
 * not express (references, intersections, unions of several objects): the caller keeps
 * its serializer for those.
 */
export function compileProjection(schema: unknown): Projection | null {
  if (schema === true || schema === undefined) return asIs;
  if (!isObject(schema)) return null;
  const s = schema;
  if (UNSUPPORTED.some((k) => k in s)) return null;
  const branches = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (branches) {
    // A value's own kind picks the branch: at most one object and one array branch.
    const object = branches.filter((b) => isObject(b) && kindOf(b) === 'object');
    const array = branches.filter((b) => isObject(b) && kindOf(b) === 'array');
    if (object.length > 1 || array.length > 1) return null;
    const toObject = object.length ? compileProjection(object[0]) : asIs;
    const toArray = array.length ? compileProjection(array[0]) : asIs;
    const others = branches.filter((b) => !object.includes(b) && !array.includes(b)).map(compileProjection);
    if (!toObject || !toArray || others.some((p) => !p)) return null;
    const scalar = others.includes(numeric) ? numeric : asIs;
    return (v) => (Array.isArray(v) ? toArray(v) : isObject(v) ? toObject(v) : scalar(v));
  }
  const kind = kindOf(s);
  if (kind === 'object') return objectProjection(s);
  if (kind === 'array') {
    const item = s.items === undefined ? asIs : compileProjection(s.items);
    if (!item) return null;
    return item === asIs ? asIs : (v) => (Array.isArray(v) ? v.map(item) : v);
  }
  const types = ([] as unknown[]).concat(s.type ?? []);
  return types.includes('integer') || types.includes('number') ? numeric : asIs;
}
