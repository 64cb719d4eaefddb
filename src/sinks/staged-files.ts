import { rmSync } from 'node:fs';

// Every temporary artefact of a run registers here, so that an interrupt (Ctrl-C, SIGTERM) or a
// crash can remove them synchronously before the process exits: no partial dump may survive.
const live = new Set<string>();

/** Records a temporary path (file or directory) that must not outlive a failed run. */
export function registerStaged(path: string): void {
  live.add(path);
}

/** Forgets a path that was published (renamed) or already removed. */
export function unregisterStaged(path: string): void {
  live.delete(path);
}

/** Removes every registered path; safe to call from signal and exit handlers. */
export function removeAllStagedSync(): void {
  for (const p of live) {
    try {
      rmSync(p, { recursive: true, force: true });
    } catch {
      // Best effort: an exit handler must not throw; the next path still gets its chance.
    }
  }
  live.clear();
}
