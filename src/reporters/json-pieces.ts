// `JSON.stringify(value, null, 2)`, produced in pieces: the report of a large tree (100 MB of
// JSON for 100,000 findings) is written as it is made, never held whole as one string.

/** The text of `JSON.stringify(value, null, 2)`, in order, one array element or property at a time. */
export function* jsonPieces(value: unknown, indent = ''): Generator<string> {
  if (!isContainer(value)) {
    yield JSON.stringify(value, null, 2).replaceAll('\n', `\n${indent}`);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    for (let index = 0; index < value.length; index += 1) {
      yield index === 0 ? `[\n${inner}` : `,\n${inner}`;
      // As JSON.stringify does: an element that has no JSON form is written as null.
      yield* jsonPieces(hasJsonForm(value[index]) ? value[index] : null, inner);
    }
    yield `\n${indent}]`;
    return;
  }
  const entries = Object.entries(value).filter(([, property]) => hasJsonForm(property));
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  for (const [index, [key, property]] of entries.entries()) {
    yield `${index === 0 ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    yield* jsonPieces(property, inner);
  }
  yield `\n${indent}}`;
}

/** Arrays and plain objects with an array or object inside are walked; the rest is stringified whole. */
function isContainer(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  return Array.isArray(value) || Object.values(value).some((property) => Array.isArray(property));
}

function hasJsonForm(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

/** Joins pieces into chunks of about `size` characters, so writing them takes few system calls. */
export function* inChunks(pieces: Iterable<string>, size = 1 << 16): Generator<string> {
  let chunk = '';
  for (const piece of pieces) {
    chunk += piece;
    if (chunk.length >= size) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
