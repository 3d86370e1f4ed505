// Which deployment config files a scan reads, how each is recognised and parsed.
import path from 'node:path';
import { looksLikeHaproxy, parseHaproxy } from './haproxy.js';
import { parseHcl } from './hcl.js';
import { parseNginx } from './nginx.js';
import { parseToml } from './toml.js';
import type { ConfigFile, ConfigFormat } from './types.js';
import { parseYaml } from './yaml.js';

export { ConfigParseError, type ConfigFile, type ConfigFormat, type Directive, type Span, type YamlNode } from './types.js';

// Alternatives are written `@(a|b)`, not `{a,b}`: see the note above DEFAULT_IGNORES in ../discovery.ts.

/** Globs (relative to a scanned root) that may hold deployment config. */
export const CONFIG_GLOBS: readonly string[] = [
  '**/*.@(yaml|yml|tf|toml|json|cfg|conf)',
  '**/@(nginx|conf.d|sites-available|sites-enabled)/**',
];

/** Files that look like config by name but never hold load-balancer settings. */
export const CONFIG_IGNORES: readonly string[] = [
  '**/@(package|package-lock|composer|renovate).json',
  '**/@(tsconfig|jsconfig)*.json',
  '**/*.lock',
  '**/pnpm-lock.yaml',
  '**/.eslintrc*',
];

const NGINX_FOLDERS = new Set(['nginx', 'conf.d', 'sites-available', 'sites-enabled']);

/** The format a path suggests, from its name and folder. */
export function getConfigFormat(filePath: string): ConfigFormat | undefined {
  const name = path.basename(filePath);
  const extension = path.extname(name).toLowerCase();
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  if (extension === '.tf') return 'terraform';
  if (extension === '.toml') return 'toml';
  if (extension === '.json') return 'json';
  if (extension === '.cfg') return 'haproxy';
  const folders = path.dirname(filePath).split(/[\\/]/);
  if (extension === '.conf' || folders.some((folder) => NGINX_FOLDERS.has(folder))) return 'nginx';
  return undefined;
}

/**
 * Whether a file of that format is one scale-audit reads. Names alone are not enough for some:
 * a `*.cfg` must open an HAProxy section, a `*.json` must be a CloudFormation template, a `*.conf`
 * outside nginx folders must have nginx blocks.
 */
export function isConfigFileOfInterest(format: ConfigFormat, filePath: string, text: string): boolean {
  if (format === 'haproxy') return looksLikeHaproxy(text);
  if (format === 'json') return text.includes('AWSTemplateFormatVersion') || /"AWS::[A-Za-z0-9]+::/.test(text);
  if (format === 'nginx' && path.extname(filePath) === '.conf' && !isInNginxFolder(filePath)) {
    return path.basename(filePath) === 'nginx.conf' || /^\s*(upstream|server|http|location|events)\b[^;{]*\{/m.test(text);
  }
  return true;
}

function isInNginxFolder(filePath: string): boolean {
  return path.dirname(filePath).split(/[\\/]/).some((folder) => NGINX_FOLDERS.has(folder));
}

/** Parses a config file; throws ConfigParseError with a position when it does not parse. */
export function parseConfig(format: ConfigFormat, text: string): ConfigFile {
  switch (format) {
    case 'nginx':
      return { format, directives: parseNginx(text), text };
    case 'haproxy':
      return { format, directives: parseHaproxy(text), text };
    case 'terraform':
      return { format, directives: parseHcl(text), text };
    case 'toml':
      return { format, directives: parseToml(text), text };
    case 'yaml':
    case 'json':
      return { format, documents: parseYaml(text), text };
  }
}
