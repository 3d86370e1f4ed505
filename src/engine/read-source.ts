// Reading a file safely: size limit, binary detection, unreadable files. Never throws.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';

export type ReadOutcome = { ok: true; text: string } | { ok: false; reason: string };

export function readSourceFile(filePath: string, maxFileSize: number): ReadOutcome {
  // Opened once, its size taken from the open file and read into a buffer of that size: one lookup
  // of the path and one stat, where statSync and readFileSync(path) made two of each.
  let descriptor: number;
  try {
    descriptor = openSync(filePath, 'r');
  } catch (error) {
    return { ok: false, reason: `cannot be read (${describeError(error)})` };
  }
  try {
    const { size } = fstatSync(descriptor);
    if (size > maxFileSize) {
      return { ok: false, reason: `larger than the ${formatBytes(maxFileSize)} limit (${formatBytes(size)}); raise --max-file-size to scan it` };
    }
    const buffer = readAll(descriptor, size);
    // A NUL byte never appears in JavaScript or TypeScript source text.
    if (buffer.subarray(0, 8192).includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
    return { ok: true, text: buffer.toString('utf8') };
  } catch (error) {
    return { ok: false, reason: `cannot be read (${describeError(error)})` };
  } finally {
    closeSync(descriptor);
  }
}

/**
 * The file's first `size` bytes (the size it had when opened), or fewer if it has shrunk since,
 * as readFileSync reads a regular file. A size of 0 may be a file system that does not know it:
 * then the file is read to its end, as readFileSync does.
 */
function readAll(descriptor: number, size: number): Buffer {
  if (size === 0) return readFileSync(descriptor);
  const buffer = Buffer.allocUnsafe(size);
  let length = 0;
  while (length < size) {
    const read = readSync(descriptor, buffer, length, size - length, null);
    if (read === 0) break;
    length += read;
  }
  return length === size ? buffer : buffer.subarray(0, length);
}

export function describeError(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) {
    const code = String((error as { code: unknown }).code);
    const known: Record<string, string> = {
      EACCES: 'permission denied',
      EPERM: 'operation not permitted',
      ENOENT: 'no such file',
      EISDIR: 'is a directory',
      ELOOP: 'too many symbolic links',
    };
    return known[code] ?? code;
  }
  return error instanceof Error ? error.message : String(error);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1)} KB`;
  return `${bytes} B`;
}

/** JSON written by some Windows editors starts with a byte-order mark, which JSON.parse rejects. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
