// A worker thread of a several-Python run: generates the versions it is handed, in order, and
// posts each outcome back as soon as it has it.

import { parentPort, workerData } from 'node:worker_threads';
import { generateEach, type BatchOptions } from './batch.js';

const options = workerData as BatchOptions;
generateEach(options, (outcome) => parentPort!.postMessage(outcome));
