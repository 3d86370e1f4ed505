// The floor: read, parse and fully walk the same files with the bare TypeScript compiler (the one
// ts-morph bundles, loaded on its own as scale-audit loads it), doing nothing else. Prints { files, bytes }. With --lean, the parse skips
// what scale-audit's own parse skips: JSDoc, and the parser's parent-pointer pass.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ts } from '#typescript';
import { discoverFiles } from '../dist/src/engine/discovery.js';

const root = path.resolve(process.argv[2]);
const lean = process.argv.includes('--lean');
const options = lean ? { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone } : ts.ScriptTarget.Latest;
const { files, configFormats } = discoverFiles({ paths: [root], cwd: root, ignore: [], includeTests: false });
let bytes = 0;
let nodes = 0;
for (const file of files) {
  if (configFormats.has(file)) continue;
  const text = readFileSync(file, 'utf8');
  bytes += text.length;
  const sourceFile = ts.createSourceFile(file, text, options, !lean);
  const visit = (node) => {
    nodes += 1;
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
}
process.stdout.write(JSON.stringify({ files: files.length - configFormats.size, bytes, nodes }));
