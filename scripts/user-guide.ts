/**
 * The README's user section, for the renderer's Help view (bundled at build time by vite.config.ts
 * as the module 'virtual:user-guide'): between `<!-- user-guide:start -->` and `<!-- user-guide:end -->`
 * when the README has those markers, else from its first section up to the first one for developers.
 */
const DEVELOPER_SECTIONS = /^## (Desktop packaging|Test|Layout|Develop|Architecture|Benchmarks?)\b/m;

export function extractUserGuide(readme: string): string {
  const start = readme.indexOf('<!-- user-guide:start -->');
  const end = readme.indexOf('<!-- user-guide:end -->');
  if (start >= 0 && end > start) return readme.slice(start + '<!-- user-guide:start -->'.length, end).trim();
  const first = readme.search(/^## /m);
  if (first < 0) return readme.trim();
  const rest = readme.slice(first);
  const devAt = rest.search(DEVELOPER_SECTIONS);
  return (devAt > 0 ? rest.slice(0, devAt) : rest).trim();
}
