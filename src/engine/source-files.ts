// Parsing: one ts-morph Project in parse-only mode. Files are parsed on demand and released
// after their walk; files reached through a relative import stay cached so each is parsed once.
import { Project, ts, type SourceFile } from 'ts-morph';

export const SOURCE_EXTENSIONS = ['.js', '.cjs', '.mjs', '.jsx', '.ts', '.cts', '.mts', '.tsx'] as const;

export function createParseOnlyProject(): Project {
  return new Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    skipLoadingLibFiles: true,
    compilerOptions: {
      allowJs: true,
      jsx: ts.JsxEmit.Preserve,
      noResolve: true,
      noLib: true,
      target: ts.ScriptTarget.Latest,
    },
  });
}

/** Parses `text` as the file at `filePath` (its extension picks JS, JSX, TS or TSX). */
export function parseSource(project: Project, filePath: string, text: string): SourceFile {
  return project.createSourceFile(filePath, text, { overwrite: true });
}

/** The first syntax error the parser recovered from, as `line:column message`. */
export function describeFirstSyntaxError(sourceFile: ts.SourceFile): string | undefined {
  const diagnostics = (sourceFile as ts.SourceFile & { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics;
  const first = diagnostics?.[0];
  if (!first || first.start === undefined) return undefined;
  const { line, character } = sourceFile.getLineAndCharacterOfPosition(first.start);
  const text = ts.flattenDiagnosticMessageText(first.messageText, ' ');
  return `syntax error at ${line + 1}:${character + 1}: ${text}`;
}
