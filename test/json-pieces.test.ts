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

  it('matches JSON.stringify for a long array whose runs of plain elements are cut by elements holding arrays', () => {
    const value = { findings: Array.from({ length: 700 }, (_, i) => (i % 97 === 0 ? { i, tags: [i, { deep: [] }] } : i % 5 === 0 ? undefined : { i, s: `l${i}` })) };
    expect(joined(value)).toBe(JSON.stringify(value, null, 2));
  });

  it('writes a large array in runs of at most 64 elements, never as one piece', () => {
    const findings = Array.from({ length: 1000 }, (_, line) => ({ line, message: 'm' }));
    const pieces = [...jsonPieces({ findings })];
    const longest = Math.max(...pieces.map((piece) => piece.length));
    expect(pieces.length).toBeGreaterThanOrEqual(16);
    // 1,000 findings in runs of 64: the longest piece is about a sixteenth of the text.
    expect(longest).toBeLessThan(pieces.join('').length / 12);
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

  it('passes a piece of the size asked or more on its own, after what was gathered before it', () => {
    const big = 'x'.repeat(60);
    expect([...inChunks(['a', 'b', big, 'c', 'd'], 50)]).toEqual(['ab', big, 'cd']);
    expect([...inChunks([big, big], 50)]).toEqual([big, big]);
  });
});
