// V8 flags set while the process runs (the CLI sets its own in bin/scale-audit.js, before anything
// else loads). They are the process's, so worker threads run under them too, but a worker's
// modules do not know of them: the main thread hands `v8FlagsSet()` on. V8 refuses code cached
// under other flags, so the compiler cache names them in its key.
import v8 from 'node:v8';

const flagsSet: string[] = [];

export function setV8Flags(flags: readonly string[]): void {
  for (const flag of flags) {
    v8.setFlagsFromString(flag);
    flagsSet.push(flag);
  }
}

export function v8FlagsSet(): readonly string[] {
  return flagsSet;
}
