// The config parsers load on first use: most scans meet no YAML or TOML file, and loading them
// would add some 25 ms to the start of every run and every worker thread.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A function that loads `name` (through its CommonJS entry) the first time it is called. */
export function lazyModule<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
