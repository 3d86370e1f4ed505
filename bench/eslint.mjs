// The ESLint baseline: @typescript-eslint/parser and one no-restricted-syntax rule (the nearest
// ESLint equivalent of one scale-audit rule) over the same source files.
import path from 'node:path';
import { ESLint } from 'eslint';
import parser from '@typescript-eslint/parser';
import { discoverFiles } from '../dist/src/engine/discovery.js';

const root = path.resolve(process.argv[2]);
const { files, configFormats } = discoverFiles({ paths: [root], cwd: root, ignore: [], includeTests: false });
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'],
      languageOptions: { parser, parserOptions: { ecmaFeatures: { jsx: true } }, sourceType: 'module' },
      rules: { 'no-restricted-syntax': ['error', "CallExpression[callee.name='session'] > ObjectExpression:not(:has(Property[key.name='store']))"] },
    },
  ],
  errorOnUnmatchedPattern: false,
});
const results = await eslint.lintFiles(files.filter((file) => !configFormats.has(file)));
process.stdout.write(JSON.stringify({ files: results.length }));
