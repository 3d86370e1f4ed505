// The floor: read, parse and fully walk the same files with the bare TypeScript compiler (the one
// ts-morph bundles), doing nothing else. Prints { files, bytes }.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ts } from 'ts-morph';
import { discoverFiles } from '../dist/src/engine/discovery.js';

const root = path.resolve(process.argv[2]);
const { files, configFormats } = discoverFiles({ paths: [root], cwd: root, ignore: [], includeTests: false });
let bytes = 0;
let nodes = 0;
for (const file of files) {
  if (configFormats.has(file)) continue;
  const text = readFileSync(file, 'utf8');
  bytes += text.length;
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    nodes += 1;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
}
process.stdout.write(JSON.stringify({ files: files.length - configFormats.size, bytes, nodes }));
