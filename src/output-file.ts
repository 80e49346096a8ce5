import { randomBytes } from "node:crypto";
import { accessSync, closeSync, constants, mkdirSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { statOrUndefined } from "./files.js";

export class OutputFileError extends Error {}

/**
 * The `--output-file` of a run. The report goes to a temporary file as the run goes and is copied to the named
 * file only when the run is over, so the named file is opened after every doc was read: a run that stops on a
 * bad config leaves it as it was, and a doc named as the output is refused, never truncated.
 */
export class OutputFile {
  private readonly temporary = path.join(tmpdir(), `skill-lint-report-${randomBytes(6).toString("hex")}`);
  private readonly fd: number;
  /** The device and inode of the named file, when it exists: a linted file with the same is the file itself. */
  private readonly identity: string | undefined;
  private clash: string | undefined;

  /** `option` names the flag in messages: `--output-file`, or `--report` for the extra reports. */
  constructor(
    readonly file: string,
    private readonly option = "--output-file",
  ) {
    const existing = statOrUndefined(file);
    try {
      if (existing?.isDirectory()) throw Object.assign(new Error("a folder"), { code: "EISDIR" });
      accessSync(existing ? file : nearestFolder(path.dirname(path.resolve(file))), constants.W_OK);
    } catch (error) {
      throw new OutputFileError(`cannot write ${option} ${file} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
    this.identity = existing && `${existing.dev}:${existing.ino}`;
    this.fd = openSync(this.temporary, "wx+", 0o600);
  }

  /** Text not yet written to the temporary file: one write per 64 KB, not one per doc. */
  private pending: string[] = [];
  private pendingLength = 0;

  write(text: string): void {
    this.pending.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength >= 1 << 16) this.flush();
  }

  private flush(): void {
    if (!this.pending.length) return;
    writeSync(this.fd, this.pending.join(""));
    this.pending = [];
    this.pendingLength = 0;
  }

  /** Notes a linted file: if it is the output itself, the report will not be written over it. */
  linted(file: string): void {
    if (this.identity === undefined || this.clash !== undefined) return;
    const info = statOrUndefined(file);
    if (info && `${info.dev}:${info.ino}` === this.identity) this.clash = file;
  }

  /** Copies the report to the named file, or refuses when the named file is one of the docs. */
  finish(): void {
    try {
      if (this.clash !== undefined) {
        throw new OutputFileError(`${this.option} ${this.file} is a file being linted (${this.clash}); write the report to another file`);
      }
      this.flush();
      copyInto(this.fd, this.file, this.option);
    } finally {
      this.discard();
    }
  }

  discard(): void {
    closeSync(this.fd);
    rmSync(this.temporary, { force: true });
  }
}

/**
 * The folder itself when it exists, else its nearest existing ancestor, which must be a folder: the missing ones
 * are made when the report is written. A file standing where a folder should be is ENOTDIR.
 */
function nearestFolder(dir: string): string {
  for (let current = dir; ; current = path.dirname(current)) {
    const info = statOrUndefined(current);
    if (info) {
      if (!info.isDirectory()) throw Object.assign(new Error("not a folder"), { code: "ENOTDIR" });
      return current;
    }
    if (path.dirname(current) === current) return current;
  }
}

/** Copies what the descriptor holds into `file` by reading and writing, which works for a pipe or a terminal too. */
function copyInto(fd: number, file: string, option: string): void {
  let target: number;
  try {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    target = openSync(file, "w");
  } catch (error) {
    // A recursive mkdir says EEXIST only when a file stands where one of the folders would be.
    const code = (error as NodeJS.ErrnoException).code;
    throw new OutputFileError(`cannot write ${option} ${file} (${code === "EEXIST" ? "ENOTDIR" : code ?? "error"})`);
  }
  try {
    const buffer = Buffer.alloc(1 << 16);
    for (let position = 0, read; (read = readSync(fd, buffer, 0, buffer.length, position)) > 0; position += read) {
      writeSync(target, buffer, 0, read);
    }
  } finally {
    closeSync(target);
  }
}
