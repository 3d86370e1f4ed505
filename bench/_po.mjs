import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ts } from '#typescript';
import { discoverFiles } from '../dist/src/engine/discovery.js';
const root = path.resolve(process.argv[2]);
const { files, configFormats } = discoverFiles({ paths: [root], cwd: root, ignore: [], includeTests: false });
const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
let t = 0;
for (const file of files) { if (configFormats.has(file)) continue; const text = readFileSync(file, 'utf8'); const t0 = performance.now(); ts.createSourceFile(file, text, options, false); t += performance.now() - t0; }
console.log('parse only', t.toFixed(0));
