/**
 * Time left from a smoothed rate. The first reads of a run include warm-up (shader compilation, the
 * first uploads), so the raw rate then is far too low and an ETA from it reads minutes for a run of
 * seconds: none is given until the rate has run for a while and settled.
 */
export class EtaEstimator {
  private rate: number | null = null;
  private lastDone = 0;
  private lastSeconds = 0;
  private reads = 0;
  private steady = 0;
  /** Latched: once the rate has settled, one jittery read (a GC pause, a busy core) does not hide the ETA. */
  private settled = false;

  constructor(
    /** Seconds of training before any estimate. */
    private readonly warmup = 1,
    /** Consecutive reads within `tolerance` of the smoothed rate before it counts as settled. */
    private readonly settleReads = 3,
    private readonly tolerance = 0.25,
  ) {}

  /** Work done so far (any unit) after `seconds` of training. */
  observe(done: number, seconds: number): void {
    const dt = seconds - this.lastSeconds;
    const dw = done - this.lastDone;
    this.lastDone = done;
    this.lastSeconds = seconds;
    if (dt <= 0 || dw <= 0) return;
    this.reads++;
    const inst = dw / dt;
    if (seconds < this.warmup || this.rate === null) {
      this.rate = inst;
      this.steady = 0;
      return;
    }
    const rel = Math.abs(inst - this.rate) / this.rate;
    this.steady = rel <= this.tolerance ? this.steady + 1 : 0;
    if (this.steady >= this.settleReads) this.settled = true;
    this.rate = 0.7 * this.rate + 0.3 * inst;
  }

  /** Seconds to do `work` more units, or null while the rate is not yet settled. */
  secondsFor(work: number): number | null {
    if (this.rate === null || this.rate <= 0 || !this.settled) return null;
    return Math.max(0, work / this.rate);
  }
}
