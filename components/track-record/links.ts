/** An analyst's track record page. */
export function analystHref(analystId: string): string {
  return `/analysts/${encodeURIComponent(analystId)}`;
}
