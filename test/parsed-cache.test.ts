// The parsed-file cache: a ring of recent files, oldest dropped first and bounded by source size,
// and a ring that keeps files imported more than once for longer.
import { describe, expect, it } from 'vitest';
import { ParsedFileCache } from '../src/engine/parsed-cache.js';

const kept = (cache: ParsedFileCache<string>, names: readonly string[]): string[] => names.filter((name) => cache.get(name));
const numbered = (count: number, prefix = 'f'): string[] => Array.from({ length: count }, (_, i) => `${prefix}${i}.js`);

describe('ParsedFileCache', () => {
  it('gives back what it keeps, and nothing for a file it never saw', () => {
    const cache = new ParsedFileCache<string>();
    cache.keep('a.js', 'A', 10);
    expect(cache.get('a.js')).toMatchObject({ value: 'A', size: 10 });
    expect(cache.get('missing.js')).toBeUndefined();
  });

  it('keeps the 32 newest files and drops the oldest first', () => {
    const cache = new ParsedFileCache<string>();
    const names = numbered(40);
    for (const name of names) cache.keep(name, name, 1);
    expect(kept(cache, names)).toEqual(names.slice(8));
  });

  it('makes a file kept again the newest', () => {
    const cache = new ParsedFileCache<string>();
    for (const name of numbered(32)) cache.keep(name, name, 1);
    cache.keep('f0.js', 'f0.js', 1);
    cache.keep('new.js', 'new.js', 1);
    expect(kept(cache, ['f0.js', 'f1.js', 'f2.js', 'new.js'])).toEqual(['f0.js', 'f2.js', 'new.js']);
  });

  it('drops the oldest recent files past 128 KB of source, never the newest', () => {
    const cache = new ParsedFileCache<string>();
    for (const name of ['a.js', 'b.js', 'c.js']) cache.keep(name, name, 50_000);
    expect(kept(cache, ['a.js', 'b.js', 'c.js'])).toEqual(['b.js', 'c.js']);
    cache.keep('huge.js', 'huge.js', 500_000);
    expect(kept(cache, ['b.js', 'c.js', 'huge.js'])).toEqual(['huge.js']);
    cache.keep('d.js', 'd.js', 10);
    expect(kept(cache, ['huge.js', 'd.js'])).toEqual(['d.js']);
  });

  it('keeps a shared file while many recent files come and go', () => {
    const cache = new ParsedFileCache<string>();
    cache.keep('utils.js', 'U', 100);
    cache.share('utils.js', 'U', 100);
    for (const name of numbered(100)) cache.keep(name, name, 1_000);
    cache.keep('utils.js', 'U', 100);
    expect(cache.get('utils.js')?.value).toBe('U');
  });

  it('keeps the 8 newest shared files', () => {
    const cache = new ParsedFileCache<string>();
    const names = numbered(10, 'shared');
    for (const name of names) cache.share(name, name, 1);
    expect(kept(cache, names)).toEqual(names.slice(2));
  });
});
