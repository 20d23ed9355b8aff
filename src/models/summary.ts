/** Keras-style text rendering of a model summary, for the CLI and the UI's monospace panel. */
import type { ModelSummary } from '../train/family';

const fmt = (n: number) => n.toLocaleString('en-US');

export function formatSummary(s: ModelSummary): string {
  const head = ['Layer (type)', 'Output Shape', 'Param #', 'Connected to'];
  const rows = s.rows.map((r) => [
    `${r.name} (${r.type})`,
    r.outputShape,
    fmt(r.params),
    r.inputs.join(', '),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)) + 2);
  const line = (cells: string[]) =>
    cells
      .map((x, c) => x.padEnd(widths[c]))
      .join('')
      .trimEnd();
  const rule = '_'.repeat(widths.reduce((a, b) => a + b, 0));
  return [
    `Model: "${s.title}"`,
    rule,
    line(head),
    '='.repeat(rule.length),
    ...rows.map(line),
    '='.repeat(rule.length),
    `Total params: ${fmt(s.totalParams)}`,
    `Trainable params: ${fmt(s.trainableParams)}`,
    `Non-trainable params: ${fmt(s.totalParams - s.trainableParams)}`,
    `Storage: ${s.storage}`,
  ].join('\n');
}
