import cliProgress from 'cli-progress';
import type { ProgressListener } from '../../run/run-pipeline.js';

/** Per-table progress bars on stderr when it is a TTY; undefined otherwise, so CI logs stay clean. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): ProgressListener | undefined {
  if (!stream.isTTY) return undefined;
  const bars = new cliProgress.MultiBar(
    { stream, format: ' {table} |{bar}| {value}/{total} rows', hideCursor: true, clearOnComplete: false, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );
  let bar: cliProgress.SingleBar | null = null;
  return {
    tableStart(table, estimatedRows) {
      bar = bars.create(Math.max(1, Math.round(estimatedRows)), 0, { table: table.padEnd(28) });
    },
    rows(count) {
      if (!bar) return;
      // reltuples is an estimate; grow the total instead of overflowing the bar.
      const value = bar.getProgress() * bar.getTotal() + count;
      if (value > bar.getTotal()) bar.setTotal(value);
      bar.increment(count);
    },
    tableEnd(_table, rows) {
      bar?.setTotal(rows);
      bar?.update(rows);
      bar = null;
    },
    done() {
      bars.stop();
    },
  };
}
