import { randomBytes } from 'node:crypto';
import type { WriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { MaskgateError } from '../errors.js';
import { endAndSync, ioError, openNewFile, writeWithBackpressure } from './staged-file.js';
import { registerStaged, unregisterStaged } from './staged-files.js';

/** The file that marks a directory as a maskgate export (and lists its tables). */
export const MANIFEST_FILE = 'manifest.json';

/**
 * A directory of files (one per table) written under a temporary name (mode 0700, files 0600) that
 * becomes visible under its final name only through `publish()`. An earlier export at the final
 * path is swapped out by two renames and removed; a directory that is not a maskgate export is
 * never replaced.
 */
export class StagedDir {
  private stream: WriteStream | null = null;
  private failure: Error | null = null;
  bytes = 0;

  private constructor(readonly path: string, readonly finalPath: string) {}

  /** Creates the temporary directory next to `finalPath`. */
  static async create(finalPath: string): Promise<StagedDir> {
    const tmp = join(dirname(finalPath), `.${basename(finalPath)}.${process.pid}-${randomBytes(6).toString('hex')}.partial`);
    try {
      await mkdir(tmp, { mode: 0o700 });
    } catch (err) {
      throw ioError(err, 'create the temporary output directory', tmp);
    }
    registerStaged(tmp);
    return new StagedDir(tmp, finalPath);
  }

  /** Refuses (exit 2) to replace a directory that holds something other than an earlier export. */
  static async checkReplaceable(finalPath: string): Promise<void> {
    const s = await stat(finalPath).catch(() => null);
    if (!s) return;
    if (!s.isDirectory()) throw new MaskgateError('USAGE', `--out ${finalPath} is a file; csv and jsonl exports are directories.`, { path: finalPath }, 'Choose a new directory name.');
    const names = await readdir(finalPath);
    // A web app's manifest.json is not ours: only a manifest that says it is a maskgate export counts.
    const ours = names.includes(MANIFEST_FILE) && (await readFile(join(finalPath, MANIFEST_FILE), 'utf8').then((t) => (JSON.parse(t) as { maskgate?: unknown }).maskgate === 'export').catch(() => false));
    if (names.length > 0 && !ours) {
      throw new MaskgateError('USAGE', `--out ${finalPath} is a directory that is not a maskgate export; it is never replaced.`, { path: finalPath }, 'Choose a new or empty directory.');
    }
  }

  /** Closes the current file and starts the next one. */
  async startFile(name: string): Promise<void> {
    await this.closeCurrent();
    const s = await openNewFile(join(this.path, name), 'create');
    s.on('error', (err) => {
      this.failure = err;
    });
    this.stream = s;
  }

  /** Appends to the current file, waiting for the disk when the buffer is full. */
  async write(data: string): Promise<void> {
    if (data === '') return;
    if (this.failure) throw ioError(this.failure, 'write', this.path);
    const s = this.stream;
    if (!s) throw new Error('startFile() first');
    this.bytes += Buffer.byteLength(data);
    await writeWithBackpressure(s, data, this.path);
  }

  private async closeCurrent(): Promise<void> {
    const s = this.stream;
    if (!s) return;
    this.stream = null;
    await endAndSync(s, this.path, () => this.failure);
  }

  /** Closes the last file; the export is complete but not yet published. */
  async finish(): Promise<void> {
    await this.closeCurrent();
  }

  /** Renames the directory into place; an earlier export there is moved aside first and then removed. */
  async publish(): Promise<void> {
    await StagedDir.checkReplaceable(this.finalPath);
    const previous = (await stat(this.finalPath).catch(() => null)) ? `${this.path.replace(/\.partial$/, '')}.previous` : null;
    try {
      if (previous) await rename(this.finalPath, previous);
      try {
        await rename(this.path, this.finalPath);
      } catch (err) {
        if (previous) await rename(previous, this.finalPath).catch(() => undefined);
        throw err;
      }
    } catch (err) {
      throw ioError(err, 'publish', this.finalPath);
    }
    unregisterStaged(this.path);
    if (previous) await rm(previous, { recursive: true, force: true });
  }

  /** Removes the temporary directory; nothing appears at the final path. */
  async discard(): Promise<void> {
    this.stream?.destroy();
    this.stream = null;
    await rm(this.path, { recursive: true, force: true });
    unregisterStaged(this.path);
  }
}
