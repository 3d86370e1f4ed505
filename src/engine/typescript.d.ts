// The types of typescript.js: the same `ts` as ts-morph's, namespace and value.
export { ts } from 'ts-morph';
