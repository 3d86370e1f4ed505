// The command line: parse arguments, call audit(), render, write, set the exit code.
import { writeFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { audit, DEFAULT_MAX_FILE_SIZE, UsageError } from './audit.js';
import { MissingPathError } from './engine/discovery.js';
import { explainRule, listRules } from './explain.js';
import { REPORTER_NAMES, reporters, type ReporterName } from './reporters/index.js';
import { SEVERITIES, type AuditResult, type Severity } from './types.js';
import { TOOL_VERSION } from './version.js';

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const FAIL_ON = [...SEVERITIES, 'none'] as const;
type FailOn = (typeof FAIL_ON)[number];

interface ScanFlags {
  format: ReporterName;
  output?: string;
  failOn: FailOn;
  rule: string[];
  disable: string[];
  ignore: string[];
  includeTests?: boolean;
  color: boolean;
  quiet?: boolean;
  verbose?: boolean;
  maxFileSize: number;
  showSuppressed?: boolean;
  reportUnusedSuppressions?: boolean;
}

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
}

const defaultIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
};

/** Runs the CLI and returns the exit code. `argv` is as in `process.argv` (node, script, …). */
export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  let exitCode = EXIT_CLEAN;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
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

function buildProgram(io: Io, setExitCode: (code: number) => void): Command {
  const program = new Command('scale-audit')
    .description('Find the state that breaks when a Node.js app runs on more than one server.')
    .version(TOOL_VERSION, '--version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .argument('[paths...]', 'files or folders to scan', ['.'])
    .addOption(new Option('--format <name>', 'output format').choices(REPORTER_NAMES).default('pretty'))
    .option('--output <file>', 'write the report to a file instead of standard output')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(FAIL_ON).default('error'))
    .option('--rule <ids>', 'only run these rules (comma-separated, repeatable)', collectList, [])
    .option('--disable <ids>', 'turn these rules off (comma-separated, repeatable)', collectList, [])
    .option('--ignore <globs>', 'skip files matching these globs, relative to each scanned folder (comma-separated, repeatable)', collectList, [])
    .option('--include-tests', 'also scan test, spec and fixture files')
    .option('--max-file-size <size>', 'skip files larger than this (bytes, or e.g. 512kb, 2mb)', parseSize, DEFAULT_MAX_FILE_SIZE)
    .option('--no-color', 'plain output without colour (also NO_COLOR=1)')
    .option('-q, --quiet', 'print findings only, no summary')
    .option('--verbose', 'also report where a value could not be known, and print stack traces')
    .option('--show-suppressed', 'also list the findings that suppression comments and the baseline hide')
    .option('--report-unused-suppressions', 'report suppression comments that match nothing (on by default when CI is set)')
    .option('--no-report-unused-suppressions', 'do not report unused suppression comments, even in CI')
    .showSuggestionAfterError(true)
    .showHelpAfterError('(run scale-audit --help for the options and their allowed values)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .action((paths: string[], flags: ScanFlags) => {
      const result = audit({
        paths,
        rules: flags.rule,
        disable: flags.disable,
        ignore: flags.ignore,
        includeTests: flags.includeTests,
        maxFileSize: flags.maxFileSize,
        verbose: flags.verbose,
        reportUnusedSuppressions: flags.reportUnusedSuppressions ?? isCi(io.env),
      });
      const color = !flags.output && useColor(flags.color, io);
      const text = reporters[flags.format](result, { color, quiet: Boolean(flags.quiet), showSuppressed: flags.showSuppressed });
      if (flags.output) writeFileSync(flags.output, text);
      else io.stdout(text);
      setExitCode(exitCodeFor(result, flags.failOn));
    });

  program
    .command('rules')
    .description('list every rule with its default severity')
    .action(() => io.stdout(listRules()));
  program
    .command('explain')
    .description("print a rule's documentation: what it flags, why it breaks, how to fix it")
    .argument('<rule-id>', 'the rule to explain')
    .action((id: string) => io.stdout(explainRule(id, useColor(true, io))));
  for (const command of program.commands) command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  return program;
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

function collectList(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(',').map((item) => item.trim()).filter(Boolean)];
}

function parseSize(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i.exec(value.trim());
  if (!match) {
    throw new UsageError(`invalid --max-file-size "${value}": expected a number of bytes or a size such as 512kb or 2mb`);
  }
  const units: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
  return Math.round(Number(match[1]) * units[(match[2] ?? 'b').toLowerCase()]!);
}

export type { Severity };
