// The worker thread of a several-Python run (see generateConcurrently): emits the files of each
// model it is sent, in order, writes or checks them, and answers with what became of them.

import { parentPort } from 'node:worker_threads';
import type { EmitReply, EmitRequest } from './batch.js';
import { deliver } from './deliver.js';
import { emit } from './emit/index.js';

parentPort!.on('message', ({ id, model, options, delivery }: EmitRequest) => {
  const delivered = deliver(emit(model, options), model.python.shortVersion, delivery);
  parentPort!.postMessage({ id, delivered } satisfies EmitReply);
});
