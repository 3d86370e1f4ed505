// The programmatic API: `import { audit } from 'scale-audit'`.
export { audit, DEFAULT_MAX_FILE_SIZE, UsageError, type AuditOptions } from './audit.js';
export { MissingPathError } from './engine/discovery.js';
export { rules } from '../rules/index.js';
export { reporters, type Reporter, type ReporterContext, type ReporterName } from './reporters/index.js';
export type { AuditResult, Finding, Severity, SkippedFile, Summary } from './types.js';
