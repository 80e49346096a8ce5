/**
 * Reading a file that someone else chose: only a regular file, and never more than a limit. A path may name a
 * FIFO (an open would wait for a writer for ever), a device (`/dev/zero` never ends) or a file of gigabytes;
 * each is refused with a reason that fits on one line.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";

/** Far above any agent doc (the largest of a 5,434-doc corpus is under 1 MB), far below what would exhaust memory. */
export const MAX_DOC_BYTES = 64 * 1024 * 1024;
/** Configs and the JSON Schemas they name. */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/** Why a file was not read, as a short phrase (`not a regular file`, `file too large (20.0 MB > 16 MB)`) and a code. */
export class ReadError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "")} MB`;
}

/**
 * A regular file's bytes, at most `limit` of them. Opened without blocking, so a FIFO is seen for what it is
 * rather than waited on; read up to one byte past the limit, as a size that stat reports can be wrong (`/proc`).
 */
export function readBounded(file: string | Buffer, limit: number): Buffer {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "EIO";
    throw new ReadError(code, code);
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new ReadError("not a regular file", "ENOTREG");
    if (info.size > limit) throw new ReadError(`file too large (${megabytes(info.size)} > ${megabytes(limit)})`, "EFBIG");
    // Sized by stat, but read on to the end: a file may grow, and some report no size at all (`/proc`).
    const chunks: Buffer[] = [];
    let total = 0;
    for (let chunk = Buffer.allocUnsafe(Math.min(limit + 1, info.size + 1)); ; chunk = Buffer.allocUnsafe(64 * 1024)) {
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > limit) throw new ReadError(`file too large (over ${megabytes(limit)})`, "EFBIG");
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof ReadError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? "EIO";
    throw new ReadError(code, code);
  } finally {
    closeSync(fd);
  }
}

/** `readBounded` as UTF-8 text. */
export function readBoundedText(file: string | Buffer, limit: number): string {
  return readBounded(file, limit).toString("utf8");
}
