// The `rules` and `explain` subcommands: rule documentation in the terminal.
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { findRule, rules } from '../rules/index.js';
import { UsageError } from './audit.js';

export function listRules(): string {
  const table = new Table({ head: ['id', 'severity', 'title'], style: { head: [], border: [] } });
  for (const rule of rules) table.push([rule.id, rule.severity, rule.docs.title]);
  return `${table.toString()}\nRun \`scale-audit explain <id>\` for what a rule flags, why, and the fix.\n`;
}

export function explainRule(id: string, color: boolean): string {
  const rule = findRule(id);
  if (!rule) throw new UsageError(`unknown rule "${id}"; known rules: ${rules.map((r) => r.id).join(', ')}`);
  const chalk = new Chalk({ level: color ? 1 : 0 });
  const indent = (code: string): string => code.split('\n').map((line) => `    ${line}`).join('\n');
  return [
    `${chalk.bold(rule.id)} (default severity: ${rule.severity})`,
    rule.docs.title,
    '',
    chalk.bold('Why it breaks with two instances'),
    rule.docs.why,
    '',
    chalk.bold('The fix'),
    rule.docs.fix,
    '',
    chalk.bold('Flagged'),
    indent(rule.docs.example.bad),
    '',
    chalk.bold('Stateless'),
    indent(rule.docs.example.good),
    '',
  ].join('\n');
}
