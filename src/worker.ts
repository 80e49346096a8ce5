import { parentPort, workerData } from "node:worker_threads";
import { ConfigResolver } from "./config.js";
import { lintJob, projectsFor, withShownSource } from "./engine.js";
import type { LintJob, WorkerInit } from "./workers.js";

const init = workerData as WorkerInit;
const resolver = new ConfigResolver(init);

const projects = projectsFor(resolver, init.targets);

parentPort!.on("message", (batch: LintJob[]) => {
  for (const job of batch) {
    const result = lintJob(job, resolver, projects, init.fix);
    parentPort!.postMessage({ index: job.index, result: withShownSource(result) });
  }
});
