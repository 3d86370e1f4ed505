#!/usr/bin/env node
import { preloadCompiler } from '../dist/src/engine/compiler-cache.js';

// Before anything imports ts-morph: the compiler then loads from V8's cached code.
preloadCompiler();
const { main } = await import('../dist/src/cli.js');
process.exitCode = await main(process.argv);
