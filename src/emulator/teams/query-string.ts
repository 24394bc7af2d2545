/** Query options as Graph writes them in its links: `$top=10&$skip=10`, the `$` left as it is. */
export const queryString = (q: URLSearchParams): string =>
  [...q].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
