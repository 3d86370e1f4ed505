// The parsed files a run keeps, so a file that a later file imports is not parsed again.
//
// Two small rings of slots, overwritten in place. Most files are kept briefly in the `recent`
// ring: an entry lives while a few dozen files are analysed, less than the time between two
// young-generation collections, so a kept syntax tree dies young like every other one. A Map here
// (or a growing array) promoted nearly every tree to the old generation: its replaced backing
// tables stay there as garbage still pointing at the entries, and V8's young-generation collector
// keeps whatever old objects point to. On 10,000 files that grew the heap to 500 MB where 300 MB
// sufficed. A file an import finds already parsed (a project's `utils`, its error classes) moves
// to the `shared` ring, which keeps it for longer: such files are imported again far apart.

interface Entry<T> {
  filePath: string;
  value: T;
  /** Length of the file's source text (its syntax tree takes some twenty times that). */
  size: number;
}

class Ring<T> {
  private readonly slots: (Entry<T> | undefined)[];
  /** The slot the next entry goes to: the oldest one. */
  private next = 0;
  private size = 0;

  constructor(
    private readonly slotCount: number,
    /** Source text kept at most; the newest entry is kept whatever its size. */
    private readonly budget: number,
  ) {
    this.slots = new Array<Entry<T> | undefined>(slotCount).fill(undefined);
  }

  get(filePath: string): Entry<T> | undefined {
    return this.slots.find((entry) => entry?.filePath === filePath);
  }

  /** Keeps a file as the newest entry, dropping the oldest ones beyond the slots or the budget. */
  put(entry: Entry<T>): void {
    this.remove(entry.filePath);
    this.clear(this.next);
    this.slots[this.next] = entry;
    this.size += entry.size;
    const newest = this.next;
    this.next = (this.next + 1) % this.slotCount;
    for (let slot = this.next; this.size > this.budget && slot !== newest; slot = (slot + 1) % this.slotCount) this.clear(slot);
  }

  remove(filePath: string): void {
    const index = this.slots.findIndex((entry) => entry?.filePath === filePath);
    if (index !== -1) this.clear(index);
  }

  private clear(index: number): void {
    const entry = this.slots[index];
    if (!entry) return;
    this.size -= entry.size;
    this.slots[index] = undefined;
  }
}

export class ParsedFileCache<T> {
  private readonly recent = new Ring<T>(32, 128 * 1024);
  private readonly shared = new Ring<T>(8, 512 * 1024);

  /** A kept file, left in place. */
  get(filePath: string): Entry<T> | undefined {
    return this.shared.get(filePath) ?? this.recent.get(filePath);
  }

  /** Keeps a file just parsed or walked, as the newest of the recent ones. */
  keep(filePath: string, value: T, size: number): void {
    if (this.shared.get(filePath)) return;
    this.recent.put({ filePath, value, size });
  }

  /** Keeps a file that is imported again, for longer. */
  share(filePath: string, value: T, size: number): void {
    this.recent.remove(filePath);
    this.shared.put({ filePath, value, size });
  }
}
