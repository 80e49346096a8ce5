import { parentPort, workerData } from "node:worker_threads";
import { ConfigResolver } from "./config.js";
import { lintDocument } from "./engine.js";
import type { LintJob, WorkerInit } from "./workers.js";

const init = workerData as WorkerInit;
const resolver = new ConfigResolver({
  cwd: init.cwd,
  ...(init.configFile ? { configFile: init.configFile } : {}),
  ...(init.config ? { config: init.config } : {}),
});

parentPort!.on("message", (batch: LintJob[]) => {
  for (const job of batch) {
    const result = lintDocument(job.text, job.file, resolver.resolve(job.file), job.kind, init.fix);
    parentPort!.postMessage({ index: job.index, result });
  }
});
