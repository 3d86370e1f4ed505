// Reading a file safely: size limit, binary detection, unreadable files. Never throws.
import { readFileSync, statSync } from 'node:fs';

export type ReadOutcome = { ok: true; text: string } | { ok: false; reason: string };

export function readSourceFile(filePath: string, maxFileSize: number): ReadOutcome {
  let size: number;
  try {
    size = statSync(filePath).size;
  } catch (error) {
    return { ok: false, reason: `cannot be read (${describeError(error)})` };
  }
  if (size > maxFileSize) {
    return { ok: false, reason: `larger than the ${formatBytes(maxFileSize)} limit (${formatBytes(size)}); raise --max-file-size to scan it` };
  }
  let buffer: Buffer;
  try {
    buffer = readFileSync(filePath);
  } catch (error) {
    return { ok: false, reason: `cannot be read (${describeError(error)})` };
  }
  // A NUL byte never appears in JavaScript or TypeScript source text.
  if (buffer.subarray(0, 8192).includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  return { ok: true, text: buffer.toString('utf8') };
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
