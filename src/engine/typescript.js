// The TypeScript compiler API, `ts`: the compiler ts-morph bundles, the very object ts-morph
// exports as `ts`, loaded on its own. Importing ts-morph for it would also load ts-morph's
// project layer and its bundled lib declaration files, which parsing never uses: 150 ms more
// start-up and 20 MB more memory in every thread. Plain JavaScript with a declaration file beside
// it (typescript.d.ts), because a TypeScript module cannot export one name as both a value and a
// namespace of types. Imported as '#typescript' (package.json "imports").
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
// Resolved from ts-morph's own folder, where its dependency is installed (compiler-cache.ts finds
// the same file to preload it).
const common = createRequire(require.resolve('ts-morph')).resolve('@ts-morph/common');

export const ts = require(path.join(path.dirname(common), 'typescript.js'));
