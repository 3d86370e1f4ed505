// A folder's files as import resolution sees them (the result cache hashes the same listing).
import { readdirSync } from 'node:fs';

/** The files (and links to files) of a folder; empty when it cannot be listed. */
export function listFiles(directory: string): Set<string> {
  try {
    const entries = readdirSync(directory, { withFileTypes: true });
    // A link to a file counts; the discovery step decides whether links are followed at all.
    return new Set(entries.filter((entry) => entry.isFile() || entry.isSymbolicLink()).map((entry) => entry.name));
  } catch {
    return new Set();
  }
}
