import { describe, expect, it } from 'vitest';
import { EtaEstimator } from '../../../src/train/eta';

describe('EtaEstimator', () => {
  it('gives no estimate during warm-up or before the rate settles', () => {
    const eta = new EtaEstimator(1, 3, 0.25);
    eta.observe(10, 0.5);
    expect(eta.secondsFor(1000)).toBeNull();
    eta.observe(1000, 1.5);
    eta.observe(2000, 2.5);
    expect(eta.secondsFor(1000)).toBeNull();
  });

  it('keeps its estimate through a jittery read once settled (progress lines read null every other time)', () => {
    const eta = new EtaEstimator(1, 3, 0.25);
    let done = 0;
    for (let t = 1; t <= 6; t++) eta.observe((done += 1000), t);
    expect(eta.secondsFor(1000)).toBeCloseTo(1, 1);
    eta.observe(done + 300, 7); // a busy second: the instantaneous rate is 70% off
    const after = eta.secondsFor(1000);
    expect(after).not.toBeNull();
    expect(after as number).toBeGreaterThan(1);
    expect(after as number).toBeLessThan(2);
  });
});
