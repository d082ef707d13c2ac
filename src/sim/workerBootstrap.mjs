// Worker entry: registers tsx in the worker thread, then imports the TypeScript module named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
