import { parentPort, workerData } from "node:worker_threads";
import { ConfigResolver } from "./config.js";
import { lintDocument, projectsFor, withShownSource } from "./engine.js";
import type { LintJob, WorkerInit } from "./workers.js";

const init = workerData as WorkerInit;
const resolver = new ConfigResolver(init);

const projects = projectsFor(resolver, init.targets);

parentPort!.on("message", (batch: LintJob[]) => {
  for (const job of batch) {
    const result = lintDocument(job.text, job.file, resolver.resolve(job.file), job.kind, init.fix, projects.get(job.root), job.hosts);
    parentPort!.postMessage({ index: job.index, result: withShownSource(result) });
  }
});
