#!/usr/bin/env node
import { setV8Flags } from '../dist/src/engine/v8-flags.js';

// V8 allocates objects straight into the old generation once most of the first ones made at the
// same place in the code survived. It decided that for the parser's syntax nodes when the compiler
// loaded after file discovery: every tree then waited for a full collection, 7% more time and
// 60 MB more memory on the npm benchmark corpus. A syntax tree lives for one file, so no object
// is worth it here.
//
// Set before anything else loads; worker threads share it.
setV8Flags(['--no-allocation-site-pretenuring']);

// The compiler is loaded only when a file is analysed (never by a run answered from the result
// cache, nor by --help), from V8's cached code: see src/engine/compiler-cache.ts.
const { main } = await import('../dist/src/cli.js');
process.exitCode = await main(process.argv);
