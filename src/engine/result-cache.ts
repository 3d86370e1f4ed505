// `--cache`: each file's outcome, kept with the hash of its text and of everything its analysis
// read (imported files, folders listed to resolve imports). A rerun analyses only the files whose
// own text or dependencies changed. The whole cache is thrown away when the tool, the rule set or
// a setting that changes outcomes differs.
//
// Like git's index, each entry also keeps the file's size, times and inode from when it was
// hashed: a rerun that finds them unchanged takes the stored hash without reading the file (on
// the 50k benchmark tree, a stat instead of a read and a hash, 50,000 times).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import type { AnalysisSettings } from './analyze.js';
import { packEntries, unpackEntries, type CacheEntry, type EndOfRunRecord, type FileStat, type FolderRecord } from './cache-format.js';
import type { FileOutcome, JoinedOutcome } from './file-outcome.js';
import type { Finding } from '../types.js';
import { readSourceFile } from './read-source.js';
import { TOOL_VERSION } from '../version.js';
import { listFiles } from './list-files.js';
import { statOf } from './file-stats.js';
import { userCacheFolder } from './user-cache.js';

const MAGIC = 'scale-audit result cache';
const FORMAT = 6;
/**
 * A file changed less than this long before it was hashed may change again within the same tick
 * of its file system's clock (2 s on FAT) and keep the same stat: its hash is not tied to its stat.
 */
const SETTLED_AFTER_MS = 5000;

interface CacheHeader {
  magic: string;
  format: number;
  /** The V8 serialiser's own format changes with Node. */
  v8: string;
  key: string;
  /** SHA-1 of the body: a damaged body is caught before it is decoded. */
  body: string;
}

export class ResultCache {
  private readonly fileHashes = new Map<string, string>();
  /** Stats taken this run, for files settled when hashed. */
  private readonly settledStats = new Map<string, FileStat>();
  /** True once an entry carried over gained a stat: the file is worth writing. */
  private gainedStats = false;
  private readonly directoryHashes = new Map<string, string>();
  /** The entries the next run gets: this run's hits and new outcomes. */
  private readonly fresh = new Map<string, CacheEntry>();
  /** Files this run looked up: entries of the others (another shard) are carried over. */
  private readonly asked = new Set<string>();
  private stored = 0;
  private readCount = 0;
  private listCount = 0;
  private endOfRunChanged = false;
  /** True once the cached outcomes' facts failed to decode: those outcomes are not written again. */
  private factsLost = false;
  /** Folders hashed this run whose stat was settled. */
  private readonly settledFolders = new Map<string, FolderRecord>();
  /** Stats taken ahead, on another thread (see `useStats`). */
  private statsTaken: ReadonlyMap<string, FileStat | undefined> = new Map();

  private constructor(
    readonly location: string,
    private readonly key: string,
    private readonly entries: Map<string, CacheEntry>,
    /** Folders listed by earlier runs, with their stat then. */
    private readonly knownFolders: Map<string, FolderRecord>,
    /** The end-of-run findings of the last run that made them. */
    private endOfRun: EndOfRunRecord | undefined,
    private readonly maxFileSize: number,
    /** False when the file at `location` is not a cache: it is never overwritten. */
    private readonly writable: boolean,
    private readonly clock: () => number,
  ) {}

  /**
   * Opens the cache at `location` for a run with `settings`. A file that is not a scale-audit
   * cache, or does not decode, is ignored (and `warn` says so); one from another tool version or
   * other settings is ignored silently, since it is simply out of date.
   */
  static open(location: string, settings: AnalysisSettings, warn: (message: string) => void, clock = Date.now): ResultCache {
    const key = cacheKey(settings);
    const empty = (writable = true): ResultCache => new ResultCache(location, key, new Map(), new Map(), undefined, settings.maxFileSize, writable, clock);
    let buffer: Buffer;
    try {
      buffer = readFileSync(location);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warn(`cannot read the cache ${location} (${(error as Error).message}); starting a new one`);
      return empty();
    }
    const newline = buffer.indexOf(10);
    let header: Partial<CacheHeader> | undefined;
    try {
      header = newline > 0 ? (JSON.parse(buffer.subarray(0, newline).toString('utf8')) as Partial<CacheHeader>) : undefined;
    } catch {
      header = undefined;
    }
    if (header?.magic !== MAGIC) {
      // Someone's own file, perhaps a source file: it is left as it is.
      warn(`${location} is not a scale-audit cache; running without the cache and leaving that file alone`);
      return empty(false);
    }
    if (header.format !== FORMAT || header.v8 !== process.versions.v8 || header.key !== key) return empty();
    try {
      const body = buffer.subarray(newline + 1);
      if (createHash('sha1').update(body).digest('base64') !== header.body) throw new Error('its checksum does not match');
      let opened: ResultCache | undefined;
      const stored = unpackEntries(v8.deserialize(body), () => {
        warn(`the cache ${location} is damaged (its files' facts do not decode); findings that join several files may be missing from this run, and the cache will be replaced`);
        if (opened) opened.factsLost = true;
      });
      if (!stored) throw new Error('unexpected contents');
      return (opened = new ResultCache(location, key, stored.entries, stored.folders, stored.endOfRun, settings.maxFileSize, true, clock));
    } catch (error) {
      warn(`the cache ${location} is damaged (${(error as Error).message}); ignoring it (it will be replaced)`);
      return empty();
    }
  }

  /** Files read to be hashed so far: the others' stats matched their entries. */
  get filesRead(): number {
    return this.readCount;
  }

  /** Folders listed to be hashed so far: the others' stats matched their records. */
  get foldersListed(): number {
    return this.listCount;
  }

  /** Stats of files (`statOf`) taken ahead of their lookup: used instead of a stat of their own. */
  useStats(stats: ReadonlyMap<string, FileStat | undefined>): void {
    this.statsTaken = stats;
  }

  /** The cached outcome of `file`, if neither it nor anything its analysis read has changed. */
  lookup(file: string): JoinedOutcome | undefined {
    this.asked.add(file);
    const entry = this.entries.get(file);
    if (!entry || entry.hash !== this.hashFile(file)) return undefined;
    for (const [dependency, hash] of entry.files) if (this.hashFile(dependency) !== hash) return undefined;
    for (const [directory, hash] of entry.directories) if (this.hashDirectory(directory) !== hash) return undefined;
    const stat = this.settledStats.get(file);
    if (stat && !entry.stat) {
      entry.stat = stat;
      this.gainedStats = true;
    }
    this.fresh.set(file, entry);
    return entry.outcome;
  }

  /**
   * The findings the rules made at the end of the last run over exactly these files (`files`, a
   * key of their list), if this run answered every file from the cache: the same outcomes, the
   * same settings, so the same end-of-run findings. The cache's own: not to be changed.
   */
  endOfRunFindings(files: string): readonly Finding[] | undefined {
    if (this.stored > 0 || this.endOfRun?.files !== files) return undefined;
    return this.endOfRun.findings;
  }

  /** Keeps the end-of-run findings of this run over `files` (copies, taken now). */
  keepEndOfRun(files: string, findings: readonly Finding[]): void {
    if (this.factsLost) return;
    this.endOfRun = { files, findings: findings.map((finding) => ({ ...finding })) };
    // A full run's are worth writing on their own; a partial run's only with its new outcomes.
    if (this.asked.size === this.entries.size) this.endOfRunChanged = true;
  }

  // Every entry of this run came from the file read, unchanged, and no file of it dropped out.
  private unchanged(): boolean {
    return this.stored === 0 && !this.gainedStats && !this.endOfRunChanged && !this.factsLost && this.fresh.size === this.entries.size;
  }

  store(file: string, outcome: FileOutcome): void {
    this.stored += 1;
    const hash = this.hashFile(file);
    if (!hash) return;
    this.fresh.set(file, {
      hash,
      ...(this.settledStats.has(file) ? { stat: this.settledStats.get(file) } : {}),
      outcome,
      files: outcome.dependencies.files.map((dependency) => [dependency, this.hashFile(dependency)]),
      directories: outcome.dependencies.directories.map((directory) => [directory, this.hashDirectory(directory)]),
    });
  }

  /**
   * Writes the entries of this run, and those of files it did not look at (a shard, a
   * --changed-since run) that still exist, atomically; not at all when nothing changed.
   */
  save(warn: (message: string) => void): void {
    if (!this.writable) return;
    for (const [file, entry] of this.entries) {
      if (!this.asked.has(file) && existsSync(file)) this.fresh.set(file, entry);
    }
    if (this.unchanged()) return;
    // Packing reads the cached outcomes' facts, and that first read may be what finds them damaged.
    let stored = packEntries(this.fresh, this.folderRecords(), this.endOfRun);
    if (this.factsLost) {
      // Only this run's own analyses still have their facts.
      for (const [file, entry] of this.fresh) if (!Array.isArray(entry.outcome.facts)) this.fresh.delete(file);
      this.endOfRun = undefined;
      stored = packEntries(this.fresh, this.folderRecords(), undefined);
    }
    const body = v8.serialize(stored);
    const header: CacheHeader = { magic: MAGIC, format: FORMAT, v8: process.versions.v8, key: this.key, body: createHash('sha1').update(body).digest('base64') };
    const temporary = `${this.location}.${process.pid}.tmp`;
    try {
      mkdirSync(path.dirname(this.location), { recursive: true });
      writeFileSync(temporary, Buffer.concat([Buffer.from(JSON.stringify(header) + '\n'), body]));
      renameSync(temporary, this.location);
    } catch (error) {
      warn(`cannot write the cache ${this.location} (${(error as Error).message}); the next run starts cold`);
    }
  }

  // '' for a file that cannot be read: it is then a miss for its own entry, and a change for
  // files that depend on it once it appears. Taken from the file's entry, unread, while the file's
  // stat is the one stored with it.
  private hashFile(file: string): string {
    let hash = this.fileHashes.get(file);
    if (hash === undefined) {
      const stat = this.statsTaken.has(file) ? this.statsTaken.get(file) : statOf(file, 'file');
      const known = this.entries.get(file);
      if (stat && known?.stat && sameStat(stat, known.stat)) {
        hash = known.hash;
        this.settledStats.set(file, stat);
      } else {
        this.readCount += 1;
        const read = readSourceFile(file, this.maxFileSize);
        hash = read.ok ? createHash('sha1').update(read.text).digest('base64') : '';
        if (stat && this.isSettled(stat)) this.settledStats.set(file, stat);
      }
      this.fileHashes.set(file, hash);
    }
    return hash;
  }

  // The file is read just after its stat: a later change gets a later time, so another stat.
  private isSettled(stat: FileStat): boolean {
    const settled = this.clock() - SETTLED_AFTER_MS;
    return stat[1] < settled && stat[2] < settled;
  }

  // A folder's listing changes its modification and change times, as a file's text does its own.
  // A folder that is not there (import resolution tries many) has an empty listing, unlisted.
  private hashDirectory(directory: string): string {
    let hash = this.directoryHashes.get(directory);
    if (hash === undefined) {
      const stat = statOf(directory, 'directory') ?? NO_FOLDER;
      const known = this.knownFolders.get(directory);
      if (known && sameStat(stat, known.stat)) {
        hash = known.hash;
        this.settledFolders.set(directory, known);
      } else if (stat === NO_FOLDER) {
        hash = EMPTY_LISTING_HASH;
        this.settledFolders.set(directory, { hash, stat });
        if (!known) this.gainedStats = true;
      } else {
        this.listCount += 1;
        hash = listingHash([...listFiles(directory)]);
        if (this.isSettled(stat)) {
          this.settledFolders.set(directory, { hash, stat });
          if (!known) this.gainedStats = true;
        }
      }
      this.directoryHashes.set(directory, hash);
    }
    return hash;
  }

  /** The records of the folders the entries written depend on: this run's, else earlier runs'. */
  private folderRecords(): Map<string, FolderRecord> {
    const records = new Map<string, FolderRecord>();
    for (const entry of this.fresh.values()) {
      for (const [directory] of entry.directories) {
        const record = this.settledFolders.get(directory) ?? (this.directoryHashes.has(directory) ? undefined : this.knownFolders.get(directory));
        if (record) records.set(directory, record);
      }
    }
    return records;
  }
}

/**
 * Where the cache lives: `location` (a file, or a folder: one ending in a separator or one that
 * exists), relative to `cwd`; by default the user's cache folder, never the tree scanned. In a
 * folder, each project and set of scanned folders gets its own file, so several can share it.
 */
export function cacheLocation(location: string | true, cwd: string, projectRoot: string, roots: readonly string[]): string {
  const name = `scale-audit-${createHash('sha1').update([projectRoot, ...roots].join('\0')).digest('hex').slice(0, 16)}.cache`;
  if (location === true) return path.join(userCacheFolder(), name);
  const resolved = path.resolve(cwd, location);
  const isFolder = /[\\/]$/.test(location) || (statSync(resolved, { throwIfNoEntry: false })?.isDirectory() ?? false);
  return isFolder ? path.join(resolved, name) : resolved;
}

function listingHash(names: string[]): string {
  return createHash('sha1').update(names.sort().join('\0')).digest('base64');
}

/**
 * The stat recorded for a path that is not a folder, with the hash of an empty listing: true for
 * as long as the path is still not a folder, and a folder that appears has a stat of its own. On
 * the 50k benchmark tree, a third of the 10,000 folders the outcomes depend on are not there.
 */
const NO_FOLDER: FileStat = [-1, -1, -1, -1];
const EMPTY_LISTING_HASH = listingHash([]);

function sameStat(a: FileStat, b: FileStat): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3];
}

// The parsers' versions: upgrading one without a new scale-audit version changes what it reads.
const PARSER_VERSIONS = ['ts-morph', 'yaml', 'smol-toml'].map((name) => `${name}@${packageVersion(name)}`).join(',');

function packageVersion(name: string): string {
  try {
    const require = createRequire(import.meta.url);
    let folder = path.dirname(require.resolve(name));
    while (!existsSync(path.join(folder, 'package.json')) && path.dirname(folder) !== folder) folder = path.dirname(folder);
    return (JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as { version?: string }).version ?? '';
  } catch {
    return '';
  }
}

// What outcomes depend on besides the files: the settings, the parsers, and the tool's own code
// (its version, and the size and time of its compiled modules, so a rebuilt engine does not reuse
// old results).
function cacheKey(settings: AnalysisSettings): string {
  const hash = createHash('sha1').update(TOOL_VERSION).update(JSON.stringify(settings)).update(PARSER_VERSIONS);
  const tool = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  for (const folder of ['src', 'rules']) {
    for (const name of safeList(path.join(tool, folder))) {
      const stat = statSync(path.join(tool, folder, name), { throwIfNoEntry: false });
      if (stat?.isFile()) hash.update(`${folder}/${name}:${stat.size}:${stat.mtimeMs}\n`);
    }
  }
  return hash.digest('base64');
}

function safeList(folder: string): string[] {
  try {
    return readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort();
  } catch {
    return [];
  }
}
