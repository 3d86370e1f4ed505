// Deployment config in a scan: recognised by name and content, parsed with positions, reported
// beside code findings, and skipped with a reason when it does not parse.
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../src/audit.js';
import { project, removeProjects } from './helpers/project.js';

afterAll(removeProjects);

const located = async (root: string, rules?: string[]) =>
  (await audit({ paths: [root], cwd: root, rules })).findings.map((f) => [f.ruleId, f.file, f.line, f.column, f.severity]);

const CFN_JSON = JSON.stringify(
  {
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
      Web: {
        Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
        Properties: { TargetGroupAttributes: [{ Key: 'stickiness.enabled', Value: 'true' }] },
      },
      Api: {
        Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
        Properties: { TargetGroupAttributes: [{ Key: 'stickiness.enabled', Value: 'false' }] },
      },
    },
  },
  null,
  2,
);

describe('config files in a scan', () => {
  it('reads a CloudFormation JSON template and points at the stickiness key', async () => {
    const root = project({ 'infra/stack.json': CFN_JSON });
    // "Key": "stickiness.enabled" of the Web target group is on line 9 of the pretty-printed JSON.
    expect(CFN_JSON.split('\n')[8]).toBe('            "Key": "stickiness.enabled",');
    expect(await located(root)).toEqual([['sticky-sessions', 'infra/stack.json', 9, 13, 'warning']]);
  });

  it('leaves alone JSON that is not a template and a .cfg that is not HAProxy', async () => {
    const root = project({
      'data/users.json': '{ "balance": "source" }\n',
      'setup.cfg': '[metadata]\nname = balance source\n',
    });
    const result = await audit({ paths: [root], cwd: root });
    expect(result.scanned).toBe(0);
    expect(result.skipped).toEqual([]);
    expect(result.findings).toEqual([]);
  });

  it('skips a config file that does not parse, with the reason and position, and scans the rest', async () => {
    const root = project({
      'k8s/broken.yaml': 'spec:\n  sessionAffinity: ClientIP\n   bad: [\n',
      'nginx/site.conf': 'upstream app {\n  ip_hash;\n',
      'k8s/ok.yaml': 'kind: Service\nspec:\n  sessionAffinity: ClientIP\n',
    });
    const result = await audit({ paths: [root], cwd: root });
    expect(result.scanned).toBe(1);
    expect(result.skipped.map((s) => s.file)).toEqual(['k8s/broken.yaml', 'nginx/site.conf']);
    expect(result.skipped[0]!.reason).toMatch(/^does not parse as YAML at 2:\d+: \S/);
    expect(result.skipped[1]!.reason).toBe("does not parse as nginx config: a block is not closed by '}'");
    expect(await located(root)).toEqual([['sticky-sessions', 'k8s/ok.yaml', 3, 3, 'warning']]);
  });

  it('reports code and config together, and names the state the affinity hides', async () => {
    const root = project({
      'src/app.js': "const session = require('express-session');\nconst app = require('express')();\napp.use(session({ secret: process.env.S }));\n",
      'deploy/nginx.conf': 'upstream app {\n  ip_hash;\n  server a:3000;\n}\n',
    });
    const result = await audit({ paths: [root], cwd: root });
    expect(result.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      ['sticky-sessions', 'deploy/nginx.conf', 2],
      ['session-memory-store', 'src/app.js', 3],
    ]);
    expect(result.findings[0]!.message).toBe(
      '`ip_hash` pins each client to one instance; it hides the in-process sessions at src/app.js:3.',
    );
    expect(result.findings[0]!.source).toBe('  ip_hash;');
  });

  it('points a Socket.IO app at the Redis adapter and the WebSocket transport', async () => {
    const root = project({
      'server.js': "const { Server } = require('socket.io');\nconst io = new Server(3000);\n",
      'k8s/service.yaml': 'kind: Service\nspec:\n  sessionAffinity: ClientIP\n',
    });
    const [finding] = (await audit({ paths: [root], cwd: root })).findings;
    expect(finding?.message).toContain('@socket.io/redis-adapter');
    expect(finding?.message).toContain("transports: ['websocket']");
  });

  it('says what to do when the other rules are off', async () => {
    const root = project({ 'haproxy.cfg': 'backend app\n  balance source\n' });
    const [finding] = (await audit({ paths: [root], cwd: root, rules: ['sticky-sessions'] })).findings;
    expect(finding?.message).toBe(
      '`balance source` pins each client to one instance; it hides whatever state the instance keeps for that client (run the other rules to find it).',
    );
  });
});
