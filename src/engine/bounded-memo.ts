/**
 * A memo of answers that are cheap to find again (import resolutions, folder listings, package
 * mentions), bounded so it does not grow with the tree: it keeps two generations of entries, and
 * when the newer one fills, the older is dropped whole. An entry read from the older generation
 * moves to the newer, so answers in use stay. Values are never `undefined` (that means "not kept").
 *
 * Not a Map whose oldest key is deleted at each insertion: V8 leaves a deleted entry's slot in
 * place until the table is rebuilt, and finding the oldest live key walks over every such slot.
 * At 4,096 entries that made each insertion some ten times dearer.
 */
export class BoundedMemo<K, V extends NonNullable<unknown>> {
  private newer = new Map<K, V>();
  private older = new Map<K, V>();

  /** At most `limit` entries are kept. */
  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    const value = this.newer.get(key);
    if (value !== undefined) return value;
    const kept = this.older.get(key);
    if (kept !== undefined) this.set(key, kept);
    return kept;
  }

  set(key: K, value: V): void {
    this.newer.set(key, value);
    if (this.newer.size >= this.limit / 2) {
      this.older = this.newer;
      this.newer = new Map();
    }
  }
}
