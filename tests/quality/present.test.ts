import { describe, expect, it } from 'vitest';
import { haveMl100k, ML100K_DIR } from './ml100k';

// The floors skip without ML-100k on a developer's machine; in CI a missing copy must fail, not skip.
describe.runIf(process.env.CI)('CI', () => {
  it('has ML-100k, so the quality floors run', () => {
    expect(haveMl100k(), `no ML-100k at ${ML100K_DIR}; set MOVIELENS_SOURCE`).toBe(true);
  });
});
