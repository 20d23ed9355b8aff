/**
 * File content quoted into a message must not drive the terminal or flip the text direction: an
 * ESC sequence in a bad field retitled the terminal and cleared the screen. Control characters
 * (C0 but tab, DEL, C1) and bidirectional overrides are written as escapes instead.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function escape(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The text with unsafe characters escaped (`\x1b`, `\u202e`); safe text comes back unchanged. */
export function printable(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** The same guard for JSON text: escapes that JSON reads back as the same characters. */
export function printableJson(json: string): string {
  return json.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** printable() line by line, for multi-line reports. */
export const printableLines = (text: string): string => text.split('\n').map(printable).join('\n');
