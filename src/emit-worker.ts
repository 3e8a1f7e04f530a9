// The worker thread of a several-Python run (see generateConcurrently): emits the files of each
// model it is sent, in order, and sends them back.

import { parentPort } from 'node:worker_threads';
import type { EmitRequest } from './batch.js';
import { emit } from './emit/index.js';

parentPort!.on('message', ({ id, model, options }: EmitRequest) => {
  parentPort!.postMessage({ id, files: emit(model, options) });
});
