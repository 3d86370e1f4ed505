#!/usr/bin/env node
import { setV8Flags } from '../dist/src/engine/v8-flags.js';

// V8 allocates objects straight into the old generation once most of the first ones made at the
// same place in the code survived. It decided that for the parser's syntax nodes when the compiler
// loaded after file discovery: every tree then waited for a full collection, 7% more time and
// 60 MB more memory on the npm benchmark corpus. A syntax tree lives for one file, so no object
// is worth it here.
//
// Less inlining into optimised code. A scan lasts seconds, so the optimiser's own work counts:
// with the default budget it took a third as much CPU as the scan itself, beside it, on a core a
// second analysis thread needs, and every thread optimises the same code again. Smaller optimised
// code is also ready sooner, which short runs on one thread feel most. Measured in paired runs
// against the default budget: 0.85x the time on the 1k benchmark tree (one thread), 0.87x at 10k,
// 0.90x on the npm corpus, 0.98x at 50k; `--jobs 1` at 10k 1.02x (slower, within the noise).
//
// Set before anything else loads; worker threads share them.
setV8Flags(['--no-allocation-site-pretenuring', '--max-inlined-bytecode-size-cumulative=100']);

// The compiler is loaded only when a file is analysed (never by a run answered from the result
// cache, nor by --help), from V8's cached code: see src/engine/compiler-cache.ts.
const { main } = await import('../dist/src/cli.js');
process.exitCode = await main(process.argv);
