/** Runs a `lab` command in process and captures what it writes to stdout and stderr. */
export interface Captured {
  code: number;
  out: string;
  err: string;
}

interface Writer {
  write(s: string): unknown;
}

export async function captureCli<Rest extends unknown[]>(
  command: (argv: string[], out: Writer, err: Writer, ...rest: Rest) => Promise<number>,
  argv: string[],
  ...rest: Rest
): Promise<Captured> {
  let out = '';
  let err = '';
  const code = await command(
    argv,
    { write: (s: string) => (out += s) },
    { write: (s: string) => (err += s) },
    ...rest,
  );
  return { code, out, err };
}
