#!/usr/bin/env node
// The compiler is loaded only when a file is analysed (never by a run answered from the result
// cache, nor by --help), from V8's cached code: see src/engine/compiler-cache.ts.
import { main } from '../dist/src/cli.js';

process.exitCode = await main(process.argv);
