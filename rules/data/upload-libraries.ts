// Where uploads end up on the local disk: upload middleware options, and the fs calls that
// write a request's data. A new library is a data edit here.

/** Upload middleware whose options can point it at a local folder. */
export interface UploadLibrary {
  package: string;
  /** Export paths of the call (`[]` is the main export) and the index of its options argument. */
  calls: readonly { path: readonly string[]; optionsIndex: number; factory?: boolean }[];
  /** Option paths that keep files on disk, e.g. `dest`, `formidable.uploadDir`. */
  diskOptions: readonly (readonly string[])[];
}

export const UPLOAD_LIBRARIES: readonly UploadLibrary[] = [
  { package: 'multer', calls: [{ path: [], optionsIndex: 0 }, { path: ['multer'], optionsIndex: 0 }], diskOptions: [['dest']] },
  // @koa/multer wraps multer with the same options and storage engines.
  { package: '@koa/multer', calls: [{ path: [], optionsIndex: 0 }], diskOptions: [['dest']] },
  {
    package: '@nestjs/platform-express',
    calls: [
      { path: ['FileInterceptor'], optionsIndex: 1 },
      { path: ['FilesInterceptor'], optionsIndex: 2 },
      { path: ['FileFieldsInterceptor'], optionsIndex: 1 },
      { path: ['AnyFilesInterceptor'], optionsIndex: 0 },
      { path: ['MulterModule', 'register'], optionsIndex: 0 },
      // registerAsync({ useFactory: () => ({ dest }) })
      { path: ['MulterModule', 'registerAsync'], optionsIndex: 0, factory: true },
    ],
    diskOptions: [['dest']],
  },
  {
    package: 'formidable',
    calls: [
      { path: [], optionsIndex: 0 },
      { path: ['formidable'], optionsIndex: 0 },
      { path: ['IncomingForm'], optionsIndex: 0 },
    ],
    diskOptions: [['uploadDir'], ['keepExtensions']],
  },
  {
    package: 'koa-body',
    calls: [{ path: [], optionsIndex: 0 }, { path: ['koaBody'], optionsIndex: 0 }],
    diskOptions: [['formidable', 'uploadDir'], ['formidable', 'keepExtensions']],
  },
];

/** `multer.diskStorage(…)`: a storage engine that writes to the local disk wherever it is used. */
export const DISK_STORAGE_ENGINES: readonly { package: string; path: readonly string[] }[] = [
  { package: 'multer', path: ['diskStorage'] },
  { package: '@koa/multer', path: ['diskStorage'] },
];

/** An fs function that writes: which arguments are the destination path and the data. */
export interface WriteSink {
  path: readonly string[];
  destination: number;
  /** Arguments whose request origin makes the write a stored upload (data, or the source file). */
  payload: readonly number[];
}

type SinkSpec = Omit<WriteSink, 'path'> & { name: string };
const write = (name: string): SinkSpec => ({ name, destination: 0, payload: [1] });
const move = (name: string): SinkSpec => ({ name, destination: 1, payload: [0] });
const stream: SinkSpec = { name: 'createWriteStream', destination: 0, payload: [] };
// Appending request data to a fixed file is a log; appending to a path the request names is a
// chunked upload. So only the destination counts.
const append = (name: string): SinkSpec => ({ name, destination: 0, payload: [] });
const asSink = ({ name, ...rest }: SinkSpec, prefix: string[] = []): WriteSink => ({ path: [...prefix, name], ...rest });

const FS_SINKS = [
  write('writeFile'), write('writeFileSync'), stream, append('appendFile'), append('appendFileSync'),
  move('copyFile'), move('copyFileSync'), move('rename'), move('renameSync'),
];
const FS_PROMISE_SINKS = [write('writeFile'), append('appendFile'), move('copyFile'), move('rename')];
const FS_EXTRA_SINKS = [...FS_SINKS, write('outputFile'), write('outputFileSync'), move('move'), move('moveSync'), move('copy'), move('copySync')];

/** By package: `fs` (and `fs/promises`, `node:fs`), `fs-extra`. */
export const WRITE_SINKS: ReadonlyMap<string, readonly WriteSink[]> = new Map([
  ['fs', [...FS_SINKS.map((spec) => asSink(spec)), ...FS_PROMISE_SINKS.map((spec) => asSink(spec, ['promises']))]],
  ['fs-extra', FS_EXTRA_SINKS.map((spec) => asSink(spec))],
]);

/** fs calls that delete a file: a temp file removed in the same handler is not kept. */
export const REMOVE_FUNCTIONS = new Set(['unlink', 'unlinkSync', 'rm', 'rmSync', 'remove', 'removeSync']);
