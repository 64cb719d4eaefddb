import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { MaskgateError } from '../errors.js';
import { registerStaged, unregisterStaged } from './staged-files.js';

/**
 * A file written under a temporary name (mode 0600) that becomes visible under its final name
 * only through `publish()`, an atomic rename in the same directory. Until then an existing file
 * at the final path is untouched.
 */
export class StagedFile {
  private stream: WriteStream | null = null;
  private failure: Error | null = null;
  bytes = 0;

  private constructor(
    /** The temporary path being written. */
    readonly path: string,
    /** Where the file appears on publish; null for private scratch files that are never published. */
    readonly finalPath: string | null,
  ) {}

  /** Creates the temporary file next to `finalPath` (or at `scratchPath` when not publishable). */
  static async create(finalPath: string | null, scratchPath?: string): Promise<StagedFile> {
    // The pid in the name lets a later run recognise, and remove, the leftover of a killed one.
    const tmp = scratchPath ?? join(dirname(finalPath!), `.${basename(finalPath!)}.${process.pid}-${randomBytes(6).toString('hex')}.partial`);
    const stream = await openNewFile(tmp, 'create the temporary output file');
    registerStaged(tmp);
    const f = new StagedFile(tmp, finalPath);
    f.stream = stream;
    stream.on('error', (err) => {
      f.failure = err;
    });
    return f;
  }

  /** Appends data, waiting for the disk when the buffer is full (backpressure). */
  async write(data: string | Uint8Array): Promise<void> {
    if (this.failure) throw ioError(this.failure, 'write', this.path);
    this.bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    await writeWithBackpressure(this.stream!, data, this.path);
  }

  /** Flushes to disk (fsync) and closes; the file is then complete but still not published. */
  async finish(): Promise<void> {
    const s = this.stream!;
    this.stream = null;
    await endAndSync(s, this.path, () => this.failure);
  }

  /** Atomically renames the finished file to its final path. */
  async publish(): Promise<void> {
    if (!this.finalPath) throw new Error('scratch files are never published');
    try {
      await rename(this.path, this.finalPath);
    } catch (err) {
      throw ioError(err, 'publish', this.finalPath);
    }
    unregisterStaged(this.path);
    // fsync the directory so the rename itself survives a crash.
    const dir = await open(dirname(this.finalPath), 'r').catch(() => null);
    await dir?.sync().catch(() => undefined);
    await dir?.close();
  }

  /** Removes the temporary file; nothing appears at the final path. */
  async discard(): Promise<void> {
    this.stream?.destroy();
    this.stream = null;
    await rm(this.path, { force: true });
    unregisterStaged(this.path);
  }
}

/** Opens `path` as a new 0600 file ('wx': never follows or reuses a path; it holds data before it is verified). */
export async function openNewFile(path: string, action: string): Promise<WriteStream> {
  const stream = createWriteStream(path, { flags: 'wx', mode: 0o600, highWaterMark: 1 << 20 });
  try {
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
  } catch (err) {
    throw ioError(err, action, path);
  }
  return stream;
}

/** Writes, waiting for the disk when the buffer is full; a failing disk (ENOSPC) emits 'error', never 'drain'. */
export async function writeWithBackpressure(s: WriteStream, data: string | Uint8Array, path: string): Promise<void> {
  if (s.write(data)) return;
  await new Promise<void>((resolve, reject) => {
    const onDrain = (): void => { s.off('error', onError); resolve(); };
    const onError = (err: Error): void => { s.off('drain', onDrain); reject(ioError(err, 'write', path)); };
    s.once('drain', onDrain);
    s.once('error', onError);
  });
}

/** Ends the stream and fsyncs its file, so it is whole on disk before anything is renamed. */
export async function endAndSync(s: WriteStream, path: string, failure: () => Error | null): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    s.once('error', (err) => reject(ioError(err, 'write', path)));
    s.end(() => resolve());
  });
  const failed = failure();
  if (failed) throw ioError(failed, 'write', path);
  const h = await open(s.path as string, 'r+');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

/** An I/O failure as a MaskgateError; paths are ours, never data. */
export function ioError(err: unknown, action: string, path: string): MaskgateError {
  const code = typeof err === 'object' && err && 'code' in err ? String((err as { code: unknown }).code) : 'unknown';
  return new MaskgateError('IO', `Could not ${action} ${path} (${code}).`, { path, errno: code });
}

/**
 * Removes temporary files that a killed run (SIGKILL, power loss: no chance to clean up) left next
 * to `finalPath`. They hold unverified data, so they must not linger. Only files of processes that
 * no longer exist are touched, so a concurrent run writing the same --out keeps its file.
 * Returns how many were removed.
 */
export async function removeStaleStagedFiles(finalPath: string): Promise<number> {
  const prefix = `.${basename(finalPath)}.`;
  const names = await readdir(dirname(finalPath)).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(\d+)-[0-9a-f]{12}\.partial$/.exec(name.slice(prefix.length));
    if (!m || processAlive(Number(m[1]))) continue;
    await rm(join(dirname(finalPath), name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
