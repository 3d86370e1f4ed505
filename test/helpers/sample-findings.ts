// Hand-made findings the reporter tests share (one on a single line, one spanning four lines),
// and a result around them.
import type { AuditResult, Finding } from '../../src/types.js';

export const sessionFinding: Finding = {
  ruleId: 'session-memory-store',
  severity: 'error',
  file: 'src/app.ts',
  line: 12,
  column: 11,
  endLine: 12,
  endColumn: 35,
  message: '`session(…)` has no `store`, so logins live in this process.',
  fix: 'Pass `store` a Redis store.',
  source: "  app.use(session({ secret: 's' }));",
  fingerprint: 'a1b2c3d4e5f6a7b8c9d0:1',
};

// Spans four lines: the underline runs to the end of the first.
export const rateLimitFinding: Finding = {
  ruleId: 'in-memory-rate-limit',
  severity: 'warning',
  file: 'src/middleware/limits.js',
  line: 7,
  column: 22,
  endLine: 10,
  endColumn: 3,
  message: '`rateLimit(…)` has no `store`, so counters live in this process.',
  fix: 'Give the limiter a Redis store.',
  source: 'const loginLimiter = rateLimit({',
  fingerprint: 'fedcba9876543210fedc:1',
};

/** A result with the two sample findings and one skipped file; `overrides` replace fields. */
export function sampleResult(overrides: Partial<AuditResult> = {}): AuditResult {
  return {
    version: 1,
    tool: { name: 'scale-audit', version: '9.8.7' },
    scanned: 5,
    skipped: [{ file: 'src/broken.js', reason: 'syntax error at 3:1: Expression expected.' }],
    findings: [sessionFinding, rateLimitFinding],
    summary: { error: 1, warning: 1, info: 0 },
    durationMs: 1234,
    ...overrides,
  } as AuditResult;
}
