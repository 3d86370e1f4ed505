// The tool's version, read from package.json so there is one place to bump it. The file sits one
// folder up from src/ when run from source and two up from dist/src/ when built.
import { existsSync, readFileSync } from 'node:fs';

function readPackageVersion(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    const url = new URL(relative, import.meta.url);
    if (!existsSync(url)) continue;
    const packageJson = JSON.parse(readFileSync(url, 'utf8')) as { name?: string; version?: string };
    if (packageJson.name === 'scale-audit' && packageJson.version) return packageJson.version;
  }
  return '0.0.0';
}

export const TOOL_VERSION: string = readPackageVersion();
