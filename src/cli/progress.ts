/**
 * The scan's progress on stderr: on a terminal one line redrawn in place with a bar; otherwise a plain
 * line whenever the counts change (logs and CI stay readable). The ETA extrapolates the rate of
 * evaluations finished since this driver started.
 */
import { formatCounts, type ScanCounts } from '../scan/progress.ts';

export class ProgressLine {
  private readonly tty: boolean;
  private readonly start = Date.now();
  private firstDone: number | null = null;
  private last = '';

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.tty = Boolean(stream.isTTY);
  }

  update(counts: ScanCounts): void {
    const done = counts.completed + counts.failed;
    this.firstDone ??= done;
    const elapsed = (Date.now() - this.start) / 1000;
    const finishedHere = done - this.firstDone;
    const eta = counts.budget !== null && finishedHere > 0 ? ((counts.budget - done) * elapsed) / finishedHere : null;
    const text = formatCounts(counts, eta);
    if (this.tty) {
      const width = 20;
      const filled = counts.budget ? Math.round((width * Math.min(done, counts.budget)) / counts.budget) : 0;
      const bar = counts.budget ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ` : '';
      this.stream.write(`\r\x1b[2K${bar}${text}`);
    } else {
      const key = text.replace(/ · ETA [^·]+/, '');
      if (key !== this.last) this.stream.write(`${text}\n`);
      this.last = key;
    }
  }

  /** Ends the redrawn line (a terminal) so later output starts on a fresh line. */
  done(): void {
    if (this.tty) this.stream.write('\n');
  }
}
