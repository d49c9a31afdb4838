import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/audit/canonical-json.ts';

describe('canonical JSON', () => {
  it('sorts keys at every depth and leaves no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x y' } })).toBe('{"a":{"c":"x y","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same text whatever order the keys were written in', () => {
    expect(canonicalJson({ seq: 1, tenant: 't', data: { x: 1, a: 2 } })).toBe(canonicalJson({ data: { a: 2, x: 1 }, tenant: 't', seq: 1 }));
  });

  it('writes strings and numbers as JSON.stringify does (RFC 8785 for these values)', () => {
    expect(canonicalJson(['Zoë', '"\n\u2028', 1.5, -0, 1e21, 10, null, true])).toBe('["Zoë","\\"\\n\u2028",1.5,0,1e+21,10,null,true]');
    expect(canonicalJson({ '\u00e9': 1, e: 2, E: 3 })).toBe('{"E":3,"e":2,"é":1}');
  });

  it('drops undefined members, writes undefined array items as null, and honours toJSON', () => {
    expect(canonicalJson({ a: undefined, b: [undefined], c: new Date('2026-06-01T00:00:00Z') })).toBe('{"b":[null],"c":"2026-06-01T00:00:00.000Z"}');
  });

  it('reads back as the value it encodes, and re-encodes to the same text', () => {
    const text = canonicalJson({ z: [1, { b: 'two', a: null }], a: 'é' });
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson(10n)).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});
