import { describe, expect, it } from 'vitest';
import { BoundedMemo } from '../src/engine/bounded-memo.js';

describe('BoundedMemo', () => {
  it('keeps at most its limit, dropping the older generation whole', () => {
    const memo = new BoundedMemo<string, number>(6);
    for (const [index, key] of ['a', 'b', 'c', 'd', 'e', 'f'].entries()) memo.set(key, index);
    // a, b and c made the first generation of three, d, e and f the second, which dropped the first.
    expect(['a', 'b', 'c', 'd', 'e', 'f'].map((key) => memo.get(key))).toEqual([undefined, undefined, undefined, 3, 4, 5]);
  });

  it('keeps an entry read from the older generation', () => {
    const memo = new BoundedMemo<string, number>(6);
    for (const [index, key] of ['a', 'b', 'c'].entries()) memo.set(key, index);
    expect(memo.get('a')).toBe(0);
    memo.set('d', 3);
    memo.set('e', 4);
    // a moved to the newer generation before b's and c's was dropped.
    expect(['a', 'b', 'c', 'd', 'e'].map((key) => memo.get(key))).toEqual([0, undefined, undefined, 3, 4]);
  });
});
