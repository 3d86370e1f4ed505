// `JSON.stringify(value, null, 2)`, produced in pieces: the report of a large tree (100 MB of
// JSON for 100,000 findings) is written as it is made, never held whole as one string.

/** The text of `JSON.stringify(value, null, 2)`, in order, a property or a run of array elements at a time. */
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
    for (let start = 0; start < value.length; ) {
      const opening = start === 0 ? '[\n' : ',\n';
      if (isContainer(value[start])) {
        yield `${opening}${inner}`;
        yield* jsonPieces(value[start], inner);
        start += 1;
        continue;
      }
      // A run of elements with no array inside is stringified together, as an array less its
      // brackets: one call per run, not per finding. (An element with no JSON form becomes null.)
      let end = start + 1;
      while (end < value.length && end - start < RUN_LENGTH && !isContainer(value[end])) end += 1;
      // Apart, so the run's text is written as JSON.stringify made it, not first copied into a
      // string joined to the two characters before it.
      yield opening;
      yield stringifyRun(value.slice(start, end), indent);
      start = end;
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

/**
 * Elements stringified in one call: about 60 KB of findings. A warm rerun of the 50k benchmark
 * tree (100 MB of JSON) peaked 12 MiB lower than with runs of 256, in the same time.
 */
const RUN_LENGTH = 64;

/**
 * The elements of `run` as they appear, one level deeper than `indent`, inside an array: the run
 * is stringified inside as many arrays as `indent` has levels, so that JSON.stringify indents it
 * itself, and the brackets around it are cut off (no pass over the text to indent each line).
 */
function stringifyRun(run: unknown[], indent: string): string {
  let nested: unknown = run;
  for (let level = 0; level < indent.length / 2; level += 1) nested = [nested];
  // Each level opens with `[` and a new line (the deeper ones indented), and closes the same way.
  let cut = 0;
  for (let level = 0; level <= indent.length / 2; level += 1) cut += 2 * level + 2;
  const text = JSON.stringify(nested, null, 2);
  return text.slice(cut, text.length - cut);
}

/** Arrays, and plain objects with an array inside, are walked; the rest is stringified whole. */
function isContainer(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  for (const key in value) {
    if (Object.hasOwn(value, key) && Array.isArray((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

function hasJsonForm(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

/**
 * Joins pieces into chunks of about `size` characters, so writing them takes few system calls. A
 * piece that is a chunk's size on its own goes out as it is (joining it would copy it).
 */
export function* inChunks(pieces: Iterable<string>, size = 1 << 15): Generator<string> {
  let chunk = '';
  for (const piece of pieces) {
    if (piece.length >= size) {
      if (chunk) yield chunk;
      yield piece;
      chunk = '';
      continue;
    }
    chunk += piece;
    if (chunk.length >= size) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}
