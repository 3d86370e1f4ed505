// Answers memoised per syntax node (a scope's declarations, a function's calls) are kept with
// the node's file, in plain Maps hung on its SourceFile, so they are released with the tree.
// Not in module-level WeakMaps: V8's young-generation collector keeps the young keys of a
// WeakMap alive, and a memo's key or value points (through parent pointers) to its whole tree.
// Every tree a rule asked about then outlived the file's walk and was promoted to the old
// generation: a quarter of the young generation survived each scavenge, where the parse alone
// keeps 2%, and the heap grew to several times what the run really kept.
import { ts } from '#typescript';

type MemoTables = Map<ts.Node, unknown>[];

let memoCount = 0;

export class NodeMemo<K extends ts.Node, V> {
  private readonly slot = memoCount++;

  get(node: K): V | undefined {
    return tablesOf(node)?.[this.slot]?.get(node) as V | undefined;
  }

  set(node: K, value: V): void {
    const tables = tablesOf(node, true);
    if (!tables) return;
    let table = tables[this.slot];
    if (!table) tables[this.slot] = table = new Map();
    table.set(node, value);
  }
}

/** The memo tables of the node's file; none for a node outside a parsed file (nothing is kept). */
function tablesOf(node: ts.Node, create = false): MemoTables | undefined {
  let current: ts.Node | undefined = node;
  while (current && current.kind !== ts.SyntaxKind.SourceFile) current = current.parent;
  if (!current) return undefined;
  const file = current as ts.SourceFile & { scaleAuditMemos?: MemoTables };
  if (create && !file.scaleAuditMemos) file.scaleAuditMemos = [];
  return file.scaleAuditMemos;
}
