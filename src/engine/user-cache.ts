// The user's cache folder for scale-audit: `$XDG_CACHE_HOME/scale-audit`, else
// `~/.cache/scale-audit`. Never inside a scanned tree.
import os from 'node:os';
import path from 'node:path';

export function userCacheFolder(): string {
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'scale-audit');
}
