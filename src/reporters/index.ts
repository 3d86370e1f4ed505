import { githubReporter } from './github.js';
import { jsonReporter, jsonReportPieces } from './json.js';
import { junitReporter } from './junit.js';
import { markdownReporter } from './markdown.js';
import { prettyReporter } from './pretty.js';
import { sarifReporter, sarifReportPieces } from './sarif.js';
import type { AuditResult } from '../types.js';
import type { Reporter } from './types.js';

export const reporters = {
  pretty: prettyReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  github: githubReporter,
  markdown: markdownReporter,
  junit: junitReporter,
} satisfies Record<string, Reporter>;

export type ReporterName = keyof typeof reporters;

/**
 * The formats whose report grows with the findings, in pieces to write as they are made: the CLI
 * writes these without ever holding the whole text (the same bytes as the reporter returns).
 */
export const pieceReporters: Partial<Record<ReporterName, (result: AuditResult) => Iterable<string>>> = {
  json: jsonReportPieces,
  sarif: sarifReportPieces,
};

export const REPORTER_NAMES = Object.keys(reporters) as ReporterName[];

export type { Reporter, ReporterContext } from './types.js';
