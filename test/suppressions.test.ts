// Inline suppressions: what they hide, and what they report about themselves.
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';
import { findSuppressionComments } from '../src/engine/suppressions.js';
import { project, removeProjects } from './helpers/project.js';

afterAll(removeProjects);

const APP = [
  "const session = require('express-session');",
  '// scale-audit-ignore-next-line session-memory-store -- the admin tool runs as one instance',
  "app.use(session({ secret: 'a' }));",
  "app.use(session({ secret: 'b' })); // scale-audit-ignore-line session-memory-store",
  '// scale-audit-ignore-next-line sesion-memory-store -- a typo',
  "app.use(session({ secret: 'c' }));",
  '// scale-audit-ignore-next-line in-memory-rate-limit -- nothing to hide here',
  'const unrelated = 1;',
].join('\n');

describe('inline suppressions', () => {
  it('parses the three forms, several rule ids and the reason', async () => {
    expect(
      findSuppressionComments(
        '/* scale-audit-ignore-file sticky-sessions, session-memory-store -- one instance */\nx(); # scale-audit-ignore-line sticky-sessions\n',
      ).map(({ scope, ruleIds, reason, line }) => [scope, ruleIds, reason, line]),
    ).toEqual([
      ['file', ['sticky-sessions', 'session-memory-store'], 'one instance', 1],
      ['line', ['sticky-sessions'], undefined, 2],
    ]);
  });

  it('ignores the marker inside a string, but not after one', async () => {
    const text = "const s = '// scale-audit-ignore-line x';\nconst t = \"it's\"; // scale-audit-ignore-line in-memory-rate-limit -- ok\n";
    expect(findSuppressionComments(text).map(({ line, ruleIds }) => [line, ruleIds])).toEqual([[2, ['in-memory-rate-limit']]]);
  });

  it('hides what they name, reports a missing reason and an unknown rule, and keeps the rest', async () => {
    const root = project({ 'app.js': APP });
    const result = await audit({ paths: [root], cwd: root });
    expect(result.findings.map((f) => [f.ruleId, f.line, f.severity])).toEqual([
      ['invalid-suppression', 4, 'warning'],
      ['invalid-suppression', 5, 'warning'],
      ['session-memory-store', 6, 'error'],
    ]);
    expect(result.findings[1]!.message).toContain('(did you mean "session-memory-store"?)');
    expect(result.suppressed.map((f) => [f.ruleId, f.line, f.suppression])).toEqual([
      ['session-memory-store', 3, { kind: 'inSource', justification: 'the admin tool runs as one instance' }],
      ['session-memory-store', 4, { kind: 'inSource', justification: undefined }],
    ]);
    expect(result.summary).toEqual({ error: 1, warning: 2, info: 0 });
  });

  it('reports a suppression that matches nothing when asked to', async () => {
    const root = project({ 'app.js': APP });
    const unused = (await audit({ paths: [root], cwd: root, reportUnusedSuppressions: true })).findings.filter((f) => f.line === 7);
    expect(unused.map((f) => [f.ruleId, f.message])).toEqual([
      ['invalid-suppression', 'This suppression of `in-memory-rate-limit` matches no finding; delete it so it cannot hide a new one.'],
    ]);
  });

  it('works with # comments in config files, and for a whole file', async () => {
    const root = project({
      'nginx.conf': 'upstream a {\n  # scale-audit-ignore-next-line sticky-sessions -- websockets until the Redis adapter lands\n  ip_hash;\n}\n',
      'k8s.yaml': '# scale-audit-ignore-file sticky-sessions -- a legacy service, retired in Q3\nkind: Service\nspec:\n  sessionAffinity: ClientIP\n',
    });
    const result = await audit({ paths: [root], cwd: root });
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map((f) => [f.file, f.line])).toEqual([
      ['k8s.yaml', 4],
      ['nginx.conf', 3],
    ]);
  });
});

describe('wrapped code', () => {
  it('lets a next-line comment cover the whole statement a formatter wrapped', async () => {
    const root = project({
      'app.js': [
        "const session = require('express-session');",
        '// scale-audit-ignore-next-line session-memory-store -- the admin tool runs as one instance',
        'app.use(',
        '  session({',
        "    secret: 'a',",
        '  }),',
        ');',
        "app.use(session({ secret: 'b' }));",
      ].join('\n'),
    });
    const result = await audit({ paths: [root], cwd: root });
    expect([result.suppressed.map((f) => f.line), result.findings.map((f) => f.line)]).toEqual([[4], [8]]);
  });
});
