import { jsonReporter } from './json.js';
import { prettyReporter } from './pretty.js';
import type { Reporter } from './types.js';

export const reporters = { pretty: prettyReporter, json: jsonReporter } satisfies Record<string, Reporter>;

export type ReporterName = keyof typeof reporters;

export const REPORTER_NAMES = Object.keys(reporters) as ReporterName[];

export type { Reporter, ReporterContext } from './types.js';
