import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ResolverOptions } from "./config.js";
import type { LintResult } from "./engine.js";
import type { HostId } from "./hosts/types.js";
import type { Kind } from "./types.js";

/** One file to lint, already read: the main thread does the I/O and the cache, workers the parsing. */
export interface LintJob {
  index: number;
  file: string;
  text: string;
  kind: Kind;
  /** The targets the file is checked against. */
  hosts: readonly HostId[];
  /** The root of the project the file's links and references resolve against. */
  root: string;
}

/** What a worker needs to resolve configs the way the main thread does. */
export interface WorkerInit extends Pick<ResolverOptions, "configFile" | "config" | "noConfig" | "rules" | "ignorePatterns" | "reportUnusedDisableDirectives" | "noInlineConfig"> {
  cwd: string;
  fix: boolean;
  targets: readonly HostId[] | undefined;
}

const WORKER_URL = new URL("./worker.js", import.meta.url);
/** Jobs handed to a worker at a time: enough to keep it busy, few enough to balance the load. */
const BATCH = 8;

/** Workers run the compiled worker.js; from TypeScript sources (tests) there is none, so lint in-thread. */
export function workersAvailable(): boolean {
  return WORKER_URL.protocol === "file:" && existsSync(fileURLToPath(WORKER_URL));
}

/**
 * Lints the jobs on `threads` threads: this one (with `local`) and `threads - 1` worker threads. This thread
 * also reads the files and hands them out, so it lints one file at a time and lets a waiting worker's
 * message in between; one isolate fewer than workers alone saves its start-up and its heap.
 */
export async function lintInWorkers(
  jobs: AsyncGenerator<LintJob>,
  init: WorkerInit,
  threads: number,
  done: (index: number, result: LintResult) => void,
  local: (job: LintJob) => LintResult,
): Promise<void> {
  let exhausted = false;
  const nextBatch = async (): Promise<LintJob[]> => {
    const batch: LintJob[] = [];
    while (!exhausted && batch.length < BATCH) {
      const next = await jobs.next();
      if (next.done) exhausted = true;
      else batch.push(next.value);
    }
    return batch;
  };
  // Reading is shared by all workers, so batches are taken one at a time.
  let reading: Promise<unknown> = Promise.resolve();
  const takeBatch = (): Promise<LintJob[]> => {
    const batch = reading.then(nextBatch);
    reading = batch;
    return batch;
  };

  // A result that cannot be handled ends the run: every worker stops, so the error is reported and the process exits.
  const workers: Worker[] = [];
  const runWorker = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_URL, { workerData: init });
      workers.push(worker);
      let pending = 0;
      const feed = async (): Promise<void> => {
        const batch = await takeBatch();
        if (batch.length === 0) {
          if (pending === 0) await worker.terminate().then(() => resolve(), reject);
          return;
        }
        pending += batch.length;
        worker.postMessage(batch);
      };
      worker.on("message", (message: { index: number; result: LintResult }) => {
        try {
          done(message.index, message.result);
        } catch (error) {
          reject(error);
          return;
        }
        pending--;
        if (pending === 0) feed().catch(reject);
      });
      worker.on("error", reject);
      feed().catch(reject);
    });

  const runLocal = async (): Promise<void> => {
    for (let batch = await takeBatch(); batch.length; batch = await takeBatch()) {
      for (const job of batch) {
        done(job.index, local(job));
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  };
  try {
    await Promise.all([...Array.from({ length: threads - 1 }, runWorker), runLocal()]);
  } catch (error) {
    await Promise.all(workers.map((worker) => worker.terminate()));
    throw error;
  }
}
