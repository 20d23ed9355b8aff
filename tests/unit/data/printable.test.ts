import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runData } from '../../../src/cli/commands/data';
import { printable, printableJson } from '../../../src/data/parse/printable';
import { FIXTURES } from './helpers';
import { captureCli } from '../../helpers/cli';

const run = (argv: string[]) => captureCli(runData, argv);

/** C0 but tab and LF (the CLI's own line breaks), DEL, C1 and bidirectional overrides. */
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('printable', () => {
  it('escapes control characters and bidi overrides, and leaves text alone', () => {
    expect(printable('a\x1b]0;x\x07b\x1b[2J')).toBe('a\\x1b]0;x\\x07b\\x1b[2J');
    expect(printable('\u202eevil\u2066\x7f\x85\r\n')).toBe('\\u202eevil\\u2066\\x7f\\x85\\x0d\\x0a');
    expect(printable('tab\there, café 日本 �')).toBe('tab\there, café 日本 �');
    expect(printable(printable('\x1b'))).toBe('\\x1b');
  });

  it('keeps JSON valid: escapes JSON reads back as the same text', () => {
    const json = JSON.stringify({ s: '\x7f\x85\u202e\x1b' });
    expect(JSON.parse(printableJson(json))).toEqual({ s: '\x7f\x85\u202e\x1b' });
    expect(printableJson(json)).not.toMatch(RAW);
  });
});

describe('lab data prints no raw control characters', () => {
  const file = join(FIXTURES, 'hostile', 'control-chars.csv');

  it('in the summary and in --json', async () => {
    const text = await run(['--file', file]);
    expect(text.code).toBe(0);
    expect(text.out).not.toMatch(RAW);
    expect(text.out).toContain(
      "2 rows skipped; first: row 3: rating '\\x1b]0;pwned\\x07\\x1b[2J' is not a number",
    );
    const json = await run(['--file', file, '--json']);
    expect(json.out).not.toMatch(RAW);
    const report = JSON.parse(json.out) as { skippedExamples: string[] };
    expect(report.skippedExamples[1]).toBe("row 4: rating '\\u202eevil' is not a number");
  });

  it('in a reason the loader did not build (a path given on the command line)', async () => {
    const { code, err } = await run(['--file', '/nonexistent/\x1b]0;x\x07.csv']);
    expect(code).toBe(1);
    expect(err).not.toMatch(RAW);
    expect(err).toContain('\\x1b]0;x\\x07.csv');
  });
});
