// The report writer's JSON in pieces must be byte for byte what JSON.stringify(value, null, 2) gives.
import { describe, expect, it } from 'vitest';
import { inChunks, jsonPieces } from '../src/reporters/json-pieces.js';

const joined = (value: unknown): string => [...jsonPieces(value)].join('');

describe('jsonPieces', () => {
  it.each([
    ['a report-shaped object', { version: 1, tool: { name: 'x' }, skipped: [], findings: [{ line: 1, source: 'a\n"b"' }, { line: 2, tags: ['t', 'u'] }], summary: { error: 2 } }],
    ['empty containers at every depth', { a: [], b: {}, c: [[], {}, [[]]], d: [{}] }],
    ['properties with no JSON form, which are left out', { a: undefined, b: () => 1, c: Symbol('s'), d: [undefined, () => 1], e: 1 }],
    ['an object whose only properties have no JSON form', { list: [], gone: undefined }],
    ['primitives and nulls', [null, 0, -1.5, true, false, '', 'é…\u2028', 1e21]],
    ['an object with toJSON', { when: new Date(0), list: [new Date(1)] }],
    ['nested arrays of objects', [[{ a: [1, { b: [] }] }], { c: [{ d: 'e' }] }]],
    ['a bare primitive', 'text'],
    ['an empty array', []],
  ])('matches JSON.stringify for %s', (_, value) => {
    expect(joined(value)).toBe(JSON.stringify(value, null, 2));
  });

  it('yields one piece per element of a large array, not the whole text at once', () => {
    const findings = Array.from({ length: 1000 }, (_, line) => ({ line, message: 'm' }));
    const pieces = [...jsonPieces({ findings })];
    expect(pieces.length).toBeGreaterThan(2000);
    expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(100);
  });
});

describe('inChunks', () => {
  it('joins pieces into chunks of at least the size asked, except the last, and loses nothing', () => {
    const pieces = Array.from({ length: 100 }, (_, i) => `piece ${i};`);
    const chunks = [...inChunks(pieces, 50)];
    expect(chunks.join('')).toBe(pieces.join(''));
    expect(chunks.slice(0, -1).every((chunk) => chunk.length >= 50)).toBe(true);
    expect(chunks.length).toBeGreaterThan(10);
    expect([...inChunks([], 50)]).toEqual([]);
  });
});
