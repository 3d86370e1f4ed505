// The parsed-file cache: a few slots, oldest dropped first, and a bound on the source text kept.
import { describe, expect, it } from 'vitest';
import { ParsedFileCache } from '../src/engine/parsed-cache.js';

const kept = (cache: ParsedFileCache<string>, names: readonly string[]): string[] => names.filter((name) => cache.peek(name));

describe('ParsedFileCache', () => {
  it('takes an entry out, and peek leaves it in', () => {
    const cache = new ParsedFileCache<string>();
    cache.put('a.js', 'A', 10);
    expect(cache.peek('a.js')).toMatchObject({ value: 'A', size: 10 });
    expect(cache.take('a.js')?.value).toBe('A');
    expect(cache.take('a.js')).toBeUndefined();
    expect(cache.peek('missing.js')).toBeUndefined();
  });

  it('keeps the 32 newest files and drops the oldest first', () => {
    const cache = new ParsedFileCache<string>();
    const names = Array.from({ length: 40 }, (_, i) => `f${i}.js`);
    for (const name of names) cache.put(name, name, 1);
    expect(kept(cache, names)).toEqual(names.slice(8));
  });

  it('makes a file put again the newest', () => {
    const cache = new ParsedFileCache<string>();
    const names = Array.from({ length: 32 }, (_, i) => `f${i}.js`);
    for (const name of names) cache.put(name, name, 1);
    cache.put('f0.js', 'f0.js', 1);
    cache.put('new.js', 'new.js', 1);
    expect(kept(cache, ['f0.js', 'f1.js', 'f2.js', 'new.js'])).toEqual(['f0.js', 'f2.js', 'new.js']);
  });

  it('drops the oldest files when the source text kept passes 1 MB, never the newest', () => {
    const cache = new ParsedFileCache<string>();
    cache.put('a.js', 'A', 400_000);
    cache.put('b.js', 'B', 400_000);
    cache.put('c.js', 'C', 400_000);
    expect(kept(cache, ['a.js', 'b.js', 'c.js'])).toEqual(['b.js', 'c.js']);
    cache.put('huge.js', 'H', 2_000_000);
    expect(kept(cache, ['a.js', 'b.js', 'c.js', 'huge.js'])).toEqual(['huge.js']);
    cache.put('d.js', 'D', 10);
    expect(kept(cache, ['huge.js', 'd.js'])).toEqual(['d.js']);
  });
});
