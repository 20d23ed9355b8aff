/** Enough of `window` for the URL state in Node: a location whose search the history API rewrites. */
export function fakeWindow(search = ''): { url(): URL } {
  const loc = new URL(`http://lab.test/${search}`);
  const win = {
    location: loc,
    history: {
      replaceState(_: unknown, __: string, href: string) {
        const next = new URL(href, loc);
        loc.search = next.search;
        loc.hash = next.hash;
      },
    },
    localStorage: { getItem: () => null, setItem: () => undefined, removeItem: () => undefined },
  };
  Object.defineProperty(globalThis, 'window', { value: win, configurable: true, writable: true });
  return { url: () => new URL(loc.href) };
}
