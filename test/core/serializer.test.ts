// Response serialization (http/serializer.ts, http/json-projection.ts): the schema decides
// which keys go out and in which order, whatever the handler's object carries.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileSerializer } from '../../src/http/serializer.js';
import { compileProjection } from '../../src/http/json-projection.js';

const Person = z.object({ name: z.string(), email: z.string().nullable() });
const Ticket = z.object({
  id: z.string(),
  count: z.number().int(),
  when: z.string().nullable(),
  person: Person.nullable(),
  people: z.array(Person),
  tags: z.array(z.string()),
  custom: z.record(z.string(), z.string().nullable()),
  note: z.string().optional(),
  extra: z.unknown().optional(),
});

describe('response serialization', () => {
  const serialize = compileSerializer(z.array(Ticket))!;

  it('writes the schema keys in schema order, drops unknown ones at every depth, keeps record keys', () => {
    const value = [
      {
        secret: 'no',
        custom: { b: '2', a: null },
        tags: ['x'],
        people: [{ email: null, name: 'P', hash: 'no' }],
        person: { email: 'e@x.test', name: 'N', token: 'no' },
        when: null,
        count: 3,
        id: 'T-1',
        extra: { any: ['thing'] },
      },
    ];
    expect(serialize(value)).toBe(
      '[{"id":"T-1","count":3,"when":null,"person":{"name":"N","email":"e@x.test"},"people":[{"name":"P","email":null}],"tags":["x"],"custom":{"b":"2","a":null},"extra":{"any":["thing"]}}]',
    );
  });

  it('leaves out absent optional keys, writes null objects, dates as ISO strings and bigints as numbers', () => {
    const value = [{ id: 'T-2', count: 7n, when: new Date('2026-01-02T03:04:05.678Z'), person: null, people: [], tags: [], custom: {}, note: undefined }];
    expect(serialize(value)).toBe('[{"id":"T-2","count":7,"when":"2026-01-02T03:04:05.678Z","person":null,"people":[],"tags":[],"custom":{}}]');
  });

  it('picks the branch of a union by the value: an object, an array or a scalar', () => {
    const s = compileSerializer(z.union([z.object({ a: z.number() }), z.array(z.object({ b: z.number() })), z.string()]))!;
    expect(s({ a: 1, x: 2 })).toBe('{"a":1}');
    expect(s([{ b: 1, x: 2 }])).toBe('[{"b":1}]');
    expect(s('text')).toBe('"text"');
  });

  it('leaves to the generated serializer what a projection cannot say (unions of several objects)', () => {
    const Two = z.union([z.object({ a: z.number() }), z.object({ b: z.number() })]);
    expect(compileProjection(z.toJSONSchema(Two, { io: 'output', target: 'draft-7' }))).toBeNull();
    expect(compileSerializer(Two)!({ a: 1 })).toBe('{"a":1}');
  });
});
