// What local-upload-storage does while a file is walked: upload middleware configured to write
// to disk, and files written to disk by a request's handler.
import { ts } from '#typescript';
import { describeCallee } from '../../src/engine/calls.js';
import type { FileContext } from '../../src/engine/file-context.js';
import { describePlace, getRequestContext, RequestScope } from '../../src/engine/request-context.js';
import { defineListeners, type Report } from '../../src/engine/rule.js';
import { getCallsIn } from '../../src/engine/syntax.js';
import { localUploadStorage, type MessageId } from '../local-upload-storage.js';
import { judgeUploadConfig } from './libraries.js';
import { judgeDiskWrite, type DiskWrite } from './sinks.js';

const CANDIDATES = 'local-upload-storage/calls';
const createCandidates = (): ts.CallExpression[] => [];

export const localUploadStorageListeners = defineListeners(localUploadStorage, {
  usesRequestContext: true,
  visit: {
    [ts.SyntaxKind.CallExpression]: (node, context) => {
      context.memo(CANDIDATES, createCandidates).push(node as ts.CallExpression);
      return checkConfig(node as ts.CallExpression, context);
    },
    [ts.SyntaxKind.NewExpression]: (node, context) => checkConfig(node as ts.NewExpression, context),
  },
  endOfFile: (context) => {
    const { local, remote } = getRequestContext(context);
    const candidates = local.entries.size ? context.memo(CANDIDATES, createCandidates) : [];
    const reports = candidates.flatMap((call) => toReports(judgeDiskWrite(call, local), context));
    // Handlers and helpers in other files of the scan, reached from this file's routes.
    for (const { fn, entry } of remote) {
      const scope = RequestScope.forFunction(fn, entry);
      reports.push(...getCallsIn(fn.node).flatMap((call) => toReports(judgeDiskWrite(call, scope), fn.context)));
    }
    return reports;
  },
});

function checkConfig(call: ts.CallExpression | ts.NewExpression, context: FileContext): Report<MessageId> | undefined {
  const config = judgeUploadConfig(call, context);
  if (!config) return undefined;
  const data = { call: describeCallee(call, context), library: config.library };
  return config.kind === 'disk-storage'
    ? { node: call, messageId: 'diskStorage', data }
    : { node: call, messageId: 'diskOption', data: { ...data, option: config.option, folder: config.folder } };
}

function toReports(write: DiskWrite | undefined, context: FileContext): Report<MessageId>[] {
  if (!write) return [];
  const where = describePlace(write.entry.where, context.displayPath());
  const data = { call: describeCallee(write.call, context), trigger: write.entry.trigger, where };
  return [{ node: write.call, messageId: write.kind === 'mv' ? 'fileMove' : 'fsWrite', data, context }];
}
