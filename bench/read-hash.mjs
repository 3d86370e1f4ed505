// The read-only floor for a warm rerun: discover, read and hash every file, nothing else.
// Prints { files, bytes }.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { discoverFiles } from '../dist/src/engine/discovery.js';

const root = path.resolve(process.argv[2]);
const { files } = discoverFiles({ paths: [root], cwd: root, ignore: [], includeTests: false });
let bytes = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  bytes += text.length;
  createHash('sha1').update(text).digest('base64');
}
process.stdout.write(JSON.stringify({ files: files.length, bytes }));
