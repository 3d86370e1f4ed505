// The team's config file: `.scale-audit.json`, `scale-audit.config.json`, or a "scaleAudit" key
// in package.json, found from the working directory upwards. JSON only: config is never executed.
// Validated strictly, so a typo stops the run with the file, the key path and what is allowed.
import { stripBom } from './engine/read-source.js';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { rules } from '../rules/index.js';
import { UsageError } from './audit.js';
import { didYouMean } from './engine/suggest.js';
import { SEVERITIES, type Severity } from './types.js';

export type RuleSetting = Severity | 'off';
export type FailOn = Severity | 'none';

export interface ScaleAuditConfig {
  rules?: Record<string, RuleSetting>;
  ignore?: string[];
  includeTests?: boolean;
  failOn?: FailOn;
  /** Bytes, or a size such as "512kb", "2mb". */
  maxFileSize?: number | string;
  /** Path of the baseline file, relative to the config file. */
  baseline?: string;
  /** The team's own modules that wrap a shared backend (relative paths). */
  sharedStores?: string[];
}

export interface LoadedConfig {
  /** The file it came from (`package.json` when from its "scaleAudit" key). */
  file: string;
  config: ScaleAuditConfig;
}

export const CONFIG_FILE_NAMES = ['.scale-audit.json', 'scale-audit.config.json'] as const;

const KEYS = ['rules', 'ignore', 'includeTests', 'failOn', 'maxFileSize', 'baseline', 'sharedStores'] as const;
const RULE_SETTINGS: readonly RuleSetting[] = ['off', ...SEVERITIES];
const FAIL_ON: readonly FailOn[] = [...SEVERITIES, 'none'];

/** The nearest config file from `directory` upwards, or undefined. */
export function findConfigFile(directory: string): string | undefined {
  for (let current = path.resolve(directory); ; current = path.dirname(current)) {
    for (const name of CONFIG_FILE_NAMES) {
      if (existsSync(path.join(current, name))) return path.join(current, name);
    }
    const packageJson = path.join(current, 'package.json');
    if (existsSync(packageJson) && hasScaleAuditKey(packageJson)) return packageJson;
    if (path.dirname(current) === current) return undefined;
  }
}

function hasScaleAuditKey(packageJson: string): boolean {
  try {
    return typeof (JSON.parse(stripBom(readFileSync(packageJson, 'utf8'))) as Record<string, unknown>).scaleAudit === 'object';
  } catch {
    return false;
  }
}

export function loadConfigFile(file: string): LoadedConfig {
  const label = path.relative(process.cwd(), file) || file;
  let data: unknown;
  try {
    data = JSON.parse(stripBom(readFileSync(file, 'utf8')));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new UsageError(`config ${label}: cannot be read as JSON (${reason})`);
  }
  if (path.basename(file) === 'package.json') data = (data as Record<string, unknown>).scaleAudit;
  return { file, config: validateConfig(data, label) };
}

/** Checks every key and value; throws a UsageError naming the file, the key path and what is allowed. */
export function validateConfig(data: unknown, file: string): ScaleAuditConfig {
  const fail = (keyPath: string, problem: string): never => {
    throw new UsageError(`config ${file}: ${keyPath} ${problem}`);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail('(top level)', 'must be an object');
  const object = data as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (!(KEYS as readonly string[]).includes(key)) fail(`"${key}"`, `is not a known key${didYouMean(key, KEYS)}; allowed: ${KEYS.join(', ')}`);
  }
  const ruleIds = rules.map((rule) => rule.id);
  if (object.rules !== undefined) {
    if (typeof object.rules !== 'object' || object.rules === null || Array.isArray(object.rules)) fail('"rules"', 'must be an object of rule id -> setting');
    for (const [id, setting] of Object.entries(object.rules as Record<string, unknown>)) {
      if (!ruleIds.includes(id)) fail(`"rules.${id}"`, `is not a scale-audit rule${didYouMean(id, ruleIds)}; known rules: ${ruleIds.join(', ')}`);
      if (!RULE_SETTINGS.includes(setting as RuleSetting)) {
        fail(`"rules.${id}"`, `is ${JSON.stringify(setting)}${didYouMean(String(setting), RULE_SETTINGS)}; allowed: ${RULE_SETTINGS.join(', ')}`);
      }
    }
  }
  for (const key of ['ignore', 'sharedStores'] as const) {
    const value = object[key];
    if (value !== undefined && (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))) fail(`"${key}"`, 'must be an array of strings');
  }
  if (object.includeTests !== undefined && typeof object.includeTests !== 'boolean') fail('"includeTests"', 'must be true or false');
  if (object.failOn !== undefined && !FAIL_ON.includes(object.failOn as FailOn)) {
    fail('"failOn"', `is ${JSON.stringify(object.failOn)}${didYouMean(String(object.failOn), FAIL_ON)}; allowed: ${FAIL_ON.join(', ')}`);
  }
  if (object.maxFileSize !== undefined) parseSize(object.maxFileSize, `config ${file}: "maxFileSize"`);
  if (object.baseline !== undefined && typeof object.baseline !== 'string') fail('"baseline"', 'must be a path (string)');
  return object as ScaleAuditConfig;
}

/** Bytes from a number or a size such as "512kb"; the label says where a bad value came from. */
export function parseSize(value: unknown, label: string): number {
  const fail = (): never => {
    throw new UsageError(`${label} is ${JSON.stringify(value)}: expected a number of bytes (at least 1) or a size such as 512kb or 2mb`);
  };
  const units: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
  const match = typeof value === 'string' ? /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(value.trim()) : null;
  const bytes = typeof value === 'number' ? value : match ? Number(match[1]) * units[(match[2] ?? 'b').toLowerCase()]! : NaN;
  if (!Number.isFinite(bytes) || Math.round(bytes) < 1) fail();
  return Math.round(bytes);
}

/** A starter config: every rule at its default severity. */
export function starterConfig(): ScaleAuditConfig {
  return {
    rules: Object.fromEntries(rules.map((rule) => [rule.id, rule.severity])),
    ignore: [],
    includeTests: false,
    failOn: 'error',
    maxFileSize: '1mb',
  };
}
