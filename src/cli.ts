// The command line: parse arguments, call audit(), render, write, set the exit code.
import { closeSync, existsSync, openSync, realpathSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { rules as rulesList } from '../rules/index.js';
import { audit, DEFAULT_MAX_FILE_SIZE, UsageError, type AuditOptions } from './audit.js';
import { CONFIG_FILE_NAMES, findConfigFile, loadConfigFile, parseSize, starterConfig, type FailOn, type LoadedConfig } from './config.js';
import { createBaseline, DEFAULT_BASELINE_FILE, formatBaseline } from './engine/baseline.js';
import { MissingPathError } from './engine/discovery.js';
import { toProjectPath } from './engine/paths.js';
import { didYouMean } from './engine/suggest.js';
import { findChangedFiles, findGitRoot } from './git.js';
import { mergeReports } from './merge.js';
import { explainRule, listRules } from './explain.js';
import { inChunks } from './reporters/json-pieces.js';
import { pieceReporters, REPORTER_NAMES, reporters, type ReporterName } from './reporters/index.js';
import { SEVERITIES, type AuditResult, type Severity } from './types.js';
import { TOOL_VERSION } from './version.js';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const FAIL_ON: readonly FailOn[] = [...SEVERITIES, 'none'];

interface ScanFlags {
  rule: string[];
  disable: string[];
  ignore: string[];
  includeTests?: boolean;
  maxFileSize: number;
  verbose?: boolean;
  /** A path, or `false` for --no-config. */
  config?: string | false;
  baseline?: string;
  jobs?: number;
  cache?: boolean;
  cacheLocation?: string;
}

interface ReportFlags extends ScanFlags {
  format: string[];
  output: string[];
  changedSince?: string;
  shard?: { index: number; count: number };
  failOn: FailOn;
  color: boolean;
  quiet?: boolean;
  showSuppressed?: boolean;
  reportUnusedSuppressions?: boolean;
}

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: () => string;
}

const defaultIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  cwd: () => process.cwd(),
};

/** Runs the CLI and returns the exit code. `argv` is as in `process.argv` (node, script, …). */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  let exitCode = EXIT_CLEAN;
  const program = buildProgram(
    io,
    (code) => {
      exitCode = code;
    },
    argv.slice(2),
  );
  const verbose = argv.includes('--verbose');
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      const isInfo = ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code);
      return isInfo ? EXIT_CLEAN : EXIT_USAGE;
    }
    if (error instanceof UsageError || error instanceof MissingPathError) {
      io.stderr(`scale-audit: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`scale-audit: internal error: ${message}${verbose ? '' : ' (run with --verbose for the stack trace)'}\n`);
    if (verbose && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return EXIT_USAGE;
  }
  return exitCode;
}

/**
 * `--format sarif --output a.sarif --format pretty`: each --output belongs to the --format before
 * it; an --output given before any --format belongs to the first one after it (or to pretty). A
 * format without an output prints to standard output.
 */
export function pairFormatsWithOutputs(argv: readonly string[]): { format: ReporterName; output?: string }[] {
  const pairs: { format: string; output?: string }[] = [];
  let pending: string | undefined;
  const valueOf = (arg: string, next: string | undefined, name: string): string | undefined =>
    arg === name ? next : arg.startsWith(`${name}=`) ? arg.slice(name.length + 1) : undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') break;
    const format = valueOf(arg, argv[i + 1], '--format');
    const output = valueOf(arg, argv[i + 1], '--output');
    if (format !== undefined) {
      pairs.push({ format, output: pending });
      pending = undefined;
    }
    if (output !== undefined) {
      const last = pairs.at(-1);
      if (last && last.output === undefined) last.output = output;
      else if (pending === undefined && pairs.length === 0) pending = output;
      else pairs.push({ format: 'pretty', output });
    }
  }
  if (pairs.length === 0) pairs.push({ format: 'pretty', output: pending });
  for (const { format } of pairs) {
    if (!(REPORTER_NAMES as readonly string[]).includes(format)) {
      throw new UsageError(`option '--format <name>' argument '${format}' is invalid${didYouMean(format, REPORTER_NAMES)}. Allowed choices are ${REPORTER_NAMES.join(', ')}.`);
    }
  }
  if (pairs.filter((pair) => pair.output === undefined).length > 1) {
    throw new UsageError('only one --format can print to standard output; give the others an --output <file>');
  }
  return pairs as { format: ReporterName; output?: string }[];
}

function buildProgram(io: Io, setExitCode: (code: number) => void, argv: readonly string[]): Command {
  const program = addScanOptions(
    new Command('scale-audit')
      .description('Find the state that breaks when a Node.js app runs on more than one server.')
      .version(TOOL_VERSION, '--version', 'print the version')
      // Options after a subcommand belong to it (`baseline --output x`), not to the scan.
      .enablePositionalOptions()
      .helpOption('-h, --help', 'show this help')
      .argument('[paths...]', 'files or folders to scan', ['.']),
  )
    .option('--format <name>', `output format: ${REPORTER_NAMES.join(', ')} (default: pretty; repeatable)`, collectValues, [])
    .option('--output <file>', 'write the report of the --format before it to a file (repeatable)', collectValues, [])
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (default: error)').choices(FAIL_ON))
    .option('--baseline <file>', 'hide the findings this baseline accepts; report only new ones')
    .option('--changed-since <ref>', 'scan only the files changed since this git ref (and untracked ones)')
    .option('--shard <i/n>', 'scan shard i of n: a stable share of the files, for splitting a scan across CI machines', parseShard)
    .option('--no-color', 'plain output without colour (also NO_COLOR=1)')
    .option('-q, --quiet', 'print findings only, no summary')
    .option('--show-suppressed', 'also list the findings that suppression comments and the baseline hide')
    .option('--report-unused-suppressions', 'report suppression comments that match nothing (on by default when CI is set)')
    .option('--no-report-unused-suppressions', 'do not report unused suppression comments, even in CI')
    .showSuggestionAfterError(true)
    .showHelpAfterError('(run scale-audit --help for the options and their allowed values)')
    .action(async (paths: string[], flags: ReportFlags, command: Command) => {
      const outputs = pairFormatsWithOutputs(argv);
      const { options, failOn } = resolveOptions(paths, flags, command, io);
      const result = await audit({
        ...options,
        reportUnusedSuppressions: flags.reportUnusedSuppressions ?? isCi(io.env),
        onlyFiles: flags.changedSince === undefined ? undefined : findChangedFiles(flags.changedSince, io.cwd()),
        shard: flags.shard,
      });
      writeReports(result, outputs, flags, io);
      setExitCode(exitCodeFor(result, failOn));
    });

  program
    .command('merge')
    .description('combine the JSON reports of shards (--shard i/n --format json) into one report')
    .argument('<reports...>', 'JSON reports to merge')
    .option('--format <name>', `output format: ${REPORTER_NAMES.join(', ')} (default: pretty; repeatable)`, collectValues, [])
    .option('--output <file>', 'write the report of the --format before it to a file (repeatable)', collectValues, [])
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (default: error)').choices(FAIL_ON))
    .option('--no-color', 'plain output without colour')
    .option('-q, --quiet', 'print findings only, no summary')
    .action((files: string[], flags: ReportFlags) => {
      const result = mergeReports(files);
      writeReports(result, pairFormatsWithOutputs(argv.slice(argv.indexOf('merge') + 1)), flags, io);
      setExitCode(exitCodeFor(result, flags.failOn ?? 'error'));
    });

  addScanOptions(
    program
      .command('baseline')
      .description(`write the current findings to ${DEFAULT_BASELINE_FILE}, so CI fails only on new ones`)
      .argument('[paths...]', 'files or folders to scan', ['.']),
  )
    .option('--output <file>', `where to write the baseline (default: the config's "baseline", or ${DEFAULT_BASELINE_FILE})`)
    .action(async (paths: string[], flags: ScanFlags & { output?: string }, command: Command) => {
      const { options } = resolveOptions(paths, flags, command, io);
      const target = flags.output ?? options.baseline ?? DEFAULT_BASELINE_FILE;
      const result = await audit({ ...options, baseline: undefined });
      const cwd = realpathSync(io.cwd());
      const projectRoot = realpathSync(options.projectRoot ?? cwd);
      writeFileSync(target, formatBaseline(createBaseline(result.findings, (file) => toProjectPath(file, cwd, projectRoot))));
      io.stdout(`Wrote ${result.findings.length} ${result.findings.length === 1 ? 'entry' : 'entries'} to ${target}.\n`);
    });
  program
    .command('init')
    .description('write a starter .scale-audit.json with every rule at its default severity')
    .action(() => {
      const target = CONFIG_FILE_NAMES[0];
      if (existsSync(target)) throw new UsageError(`${target} already exists; edit it, or delete it to start again`);
      writeFileSync(target, `${JSON.stringify(starterConfig(), null, 2)}\n`);
      io.stdout(`Wrote ${target}.\n`);
    });
  program
    .command('print-config')
    .description('print the configuration that applies to a file or folder (default: the current one)')
    .argument('[path]', 'the file or folder', '.')
    .option('--config <file>', 'use this config file instead of searching for one')
    .option('--no-config', 'ignore config files')
    .action((target: string, flags: { config?: string | false }) => io.stdout(`${JSON.stringify(describeConfig(target, flags.config, io.cwd()), null, 2)}\n`));
  program
    .command('rules')
    .description('list every rule with its default severity')
    .action(() => io.stdout(listRules()));
  program
    .command('explain')
    .description("print a rule's documentation: what it flags, why it breaks, how to fix it")
    .argument('<rule-id>', 'the rule to explain')
    .action((id: string) => io.stdout(explainRule(id, useColor(true, io))));
  for (const command of [program, ...program.commands]) command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  return program;
}

function writeReports(
  result: AuditResult,
  outputs: readonly { format: ReporterName; output?: string }[],
  flags: Pick<ReportFlags, 'color' | 'quiet' | 'showSuppressed'>,
  io: Io,
): void {
  for (const { format, output } of outputs) {
    const color = !output && useColor(flags.color, io);
    const pieces = pieceReporters[format]?.(result) ?? [reporters[format](result, { color, quiet: Boolean(flags.quiet), showSuppressed: flags.showSuppressed })];
    if (output) writeFileInChunks(output, pieces);
    else for (const chunk of inChunks(pieces)) io.stdout(chunk);
  }
}

/** Writes a report as it is made, a chunk at a time, so its whole text is never held at once. */
function writeFileInChunks(file: string, pieces: Iterable<string>): void {
  let descriptor: number;
  try {
    descriptor = openSync(file, 'w');
  } catch (error) {
    throw new UsageError(`cannot write the report to ${file}: ${(error as Error).message}`);
  }
  try {
    for (const chunk of inChunks(pieces)) writeAll(descriptor, chunk);
  } finally {
    closeSync(descriptor);
  }
}

/**
 * Writes all of `text`. Passed as a string, it is encoded as it is written, with no buffer made
 * for it; a file takes it whole, and only a pipe or device may take part (the rest then follows).
 */
function writeAll(descriptor: number, text: string): void {
  const written = writeSync(descriptor, text);
  const length = Buffer.byteLength(text);
  if (written === length) return;
  const bytes = Buffer.from(text);
  for (let at = written; at < length; ) at += writeSync(descriptor, bytes, at);
}

function parseShard(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`invalid --shard "${value}": expected i/n with 1 <= i <= n, e.g. 2/4`);
  }
  return { index, count };
}

/** The options every scanning command takes. */
function addScanOptions(command: Command): Command {
  return command
    .option('--rule <ids>', 'only run these rules (comma-separated, repeatable)', collectList, [])
    .option('--disable <ids>', 'turn these rules off (comma-separated, repeatable)', collectList, [])
    .option('--ignore <globs>', 'skip files matching these globs, relative to each scanned folder (comma-separated, repeatable)', collectList, [])
    .option('--include-tests', 'also scan test, spec and fixture files')
    .option('--max-file-size <size>', 'skip files larger than this (bytes, or e.g. 512kb, 2mb; default 1mb)', (value: string) =>
      parseSize(value, '--max-file-size'),
    )
    .option('--config <file>', 'use this config file instead of searching for one')
    .option('--no-config', 'ignore config files')
    .option('--verbose', 'also report where a value could not be known, and print stack traces')
    .option('--jobs <n>', 'analyse with up to n threads (default: the available cores; the result is the same for any n)', parseJobs)
    .option('--cache', 'reuse the results of files unchanged since the last --cache run')
    .option('--cache-location <path>', 'the cache file, or a folder for it (implies --cache; default: in the user cache folder)');
}

function parseJobs(value: string): number {
  const jobs = Number(value);
  if (!/^\d+$/.test(value.trim()) || jobs < 1) throw new UsageError(`invalid --jobs "${value}": expected a whole number of threads, 1 or more`);
  return jobs;
}

/** Config file values, then flags given on the command line on top. */
function resolveOptions(paths: string[], flags: ScanFlags & { failOn?: FailOn }, command: Command, io: Io): { options: AuditOptions; failOn: FailOn } {
  const loaded = loadConfig(flags.config, io.cwd());
  const config = loaded?.config ?? {};
  const fromCli = (name: string): boolean => command.getOptionValueSource(name) === 'cli';
  const settings = Object.entries(config.rules ?? {});
  const configDirectory = loaded ? path.dirname(loaded.file) : io.cwd();
  return {
    failOn: fromCli('failOn') ? flags.failOn! : (config.failOn ?? 'error'),
    options: {
      paths,
      rules: flags.rule,
      // A rule named by --rule runs even if the file turns it off: flags win.
      disable: [...settings.filter(([id, setting]) => setting === 'off' && !flags.rule.includes(id)).map(([id]) => id), ...flags.disable],
      severities: Object.fromEntries(settings.filter(([, setting]) => setting !== 'off')) as Record<string, Severity>,
      ignore: [...(config.ignore ?? []), ...flags.ignore],
      includeTests: fromCli('includeTests') ? flags.includeTests : config.includeTests,
      maxFileSize: fromCli('maxFileSize')
        ? flags.maxFileSize
        : config.maxFileSize !== undefined
          ? parseSize(config.maxFileSize, `config ${loaded!.file}: "maxFileSize"`)
          : DEFAULT_MAX_FILE_SIZE,
      verbose: flags.verbose,
      baseline: flags.baseline ?? (config.baseline ? path.resolve(configDirectory, config.baseline) : undefined),
      projectRoot: loaded ? configDirectory : (findGitRoot(io.cwd()) ?? io.cwd()),
      jobs: flags.jobs,
      cache: flags.cacheLocation ?? flags.cache ?? false,
      onWarning: (message) => io.stderr(`scale-audit: warning: ${message}\n`),
    },
  };
}

function loadConfig(flag: string | false | undefined, cwd: string): LoadedConfig | undefined {
  if (flag === false) return undefined;
  const file = flag ?? findConfigFile(cwd);
  return file ? loadConfigFile(file) : undefined;
}

// The config a scan started here would use for `target`: the same lookup (from the working
// directory upwards, or --config / --no-config).
function describeConfig(target: string, flag: string | false | undefined, cwd: string): Record<string, unknown> {
  if (!existsSync(path.resolve(cwd, target))) throw new MissingPathError(target);
  const loaded = loadConfig(flag, cwd);
  const file = loaded?.file;
  const config = loaded?.config ?? {};
  return {
    configFile: file ? path.relative(process.cwd(), file) || file : null,
    rules: Object.fromEntries(rulesList.map((rule) => [rule.id, config.rules?.[rule.id] ?? rule.severity])),
    ignore: config.ignore ?? [],
    includeTests: config.includeTests ?? false,
    failOn: config.failOn ?? 'error',
    maxFileSize: config.maxFileSize ?? '1mb',
    baseline: config.baseline ?? null,
    sharedStores: config.sharedStores ?? [],
  };
}

export function exitCodeFor(result: AuditResult, failOn: FailOn): number {
  if (failOn === 'none') return EXIT_CLEAN;
  const threshold = SEVERITIES.indexOf(failOn);
  const failing = result.findings.some((finding) => SEVERITIES.indexOf(finding.severity) <= threshold);
  return failing ? EXIT_FINDINGS : EXIT_CLEAN;
}

function useColor(flag: boolean, io: Io): boolean {
  if (!flag) return false;
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== '0' && io.env.FORCE_COLOR !== 'false';
  if (io.env.NO_COLOR) return false;
  return io.isTTY;
}

function isCi(env: NodeJS.ProcessEnv): boolean {
  return env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI.toLowerCase() !== 'false';
}

function collectValues(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function collectList(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').map((item) => item.trim()).filter(Boolean)];
}

export type { Severity };
