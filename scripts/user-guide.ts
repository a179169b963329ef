/**
 * The README's user section, for the renderer's Help view (bundled at build time by vite.config.ts
 * as the module 'virtual:user-guide'): each part between `<!-- user-guide:start -->` and the next
 * `<!-- user-guide:end -->`, joined, when the README has those markers (several pairs, so developer
 * set-up inside a user section stays out), else from its first section up to the first one for developers.
 */
const DEVELOPER_SECTIONS = /^## (Desktop packaging|Test|Layout|Develop|Architecture|Benchmarks?)\b/m;

const MARKED = /<!-- user-guide:start -->([\s\S]*?)<!-- user-guide:end -->/g;

export function extractUserGuide(readme: string): string {
  const parts = [...readme.matchAll(MARKED)].map((match) => match[1]!.trim());
  if (parts.length > 0) return parts.join('\n\n');
  const first = readme.search(/^## /m);
  if (first < 0) return readme.trim();
  const rest = readme.slice(first);
  const devAt = rest.search(DEVELOPER_SECTIONS);
  return (devAt > 0 ? rest.slice(0, devAt) : rest).trim();
}
