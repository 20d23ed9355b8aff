/**
 * Colours for the map's genres: twenty that stay apart on white (Tableau 20's order, the darker of each
 * pair first), and a grey for items without a genre.
 */
const COLOURS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#bcbd22',
  '#393b79',
  '#aec7e8',
  '#ffbb78',
  '#98df8a',
  '#ff9896',
  '#c5b0d5',
  '#c49c94',
  '#f7b6d2',
  '#9edae5',
  '#dbdb8d',
  '#637939',
];

export const NO_GENRE = '#94a3b8';

/** The colour of genre `g` (an index into the projection's genre names), -1 for none. */
export const genreColour = (g: number): string => (g < 0 ? NO_GENRE : COLOURS[g % COLOURS.length]);
