/** The notebook's stages, in reading order: the table of contents and the panels share this list. */
export interface Stage {
  id: string;
  step: number;
  title: string;
  /** One line for the table of contents. */
  blurb: string;
  ready: boolean;
}

export const STAGES: Stage[] = [
  { id: 'data', step: 1, title: 'Data', blurb: 'Load, inspect and split', ready: true },
  { id: 'ncf', step: 2, title: 'NCF', blurb: 'Neural collaborative filtering', ready: true },
  { id: 'sequential', step: 3, title: 'Sequential', blurb: 'What comes next', ready: false },
  { id: 'two-tower', step: 4, title: 'Two-tower', blurb: 'Retrieval with features', ready: false },
  { id: 'similarity', step: 5, title: 'Similarity', blurb: 'Items that go together', ready: false },
];

export const stage = (id: string): Stage => {
  const s = STAGES.find((x) => x.id === id);
  if (!s) throw new Error(`unknown stage ${id}`);
  return s;
};
