/** The Help view's text: the README's user section, as the renderer build bundles it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractUserGuide } from '../../scripts/user-guide.js';
import { REPO } from './helpers.js';

describe('user guide', () => {
  it("is the README's sections for users, without the developers' ones", () => {
    const guide = extractUserGuide(readFileSync(join(REPO, 'README.md'), 'utf8'));
    expect(guide).toMatch(/^#+ /);
    for (const heading of ['Keyboard and scanner', 'Sync with a hub', 'Stock from a catalogue: counts, not changes', 'Traceability and paperwork']) {
      expect(guide).toMatch(new RegExp(`^#+ ${heading}$`, 'm'));
    }
    expect(guide).toContain('products.csv'); // the import files' columns, for whoever imports
    expect(guide).not.toMatch(/^## (Test|Layout|Desktop packaging)\b/m);
    // Installing and starting from a checkout, and the environment a developer sets, are not a packer's.
    for (const developers of ['npm install', 'npm start', 'npm run cli', 'BENCH_PORT', 'BENCH_HUB_TOKEN', 'DATABASE_URL', 'npm run hub']) {
      expect(guide).not.toContain(developers);
    }
  });

  it('follows explicit markers when the README has them', () => {
    const readme = '# X\n\n## Intro\nhi\n<!-- user-guide:start -->\n## Use it\nPress Save.\n<!-- user-guide:end -->\n## Test\nnpm test\n';
    expect(extractUserGuide(readme)).toBe('## Use it\nPress Save.');
  });

  it('joins several marked parts, leaving out what lies between them', () => {
    const readme = [
      '# X',
      '<!-- user-guide:start -->',
      '## Use it',
      'Press Save.',
      '<!-- user-guide:end -->',
      '```sh',
      'npm install',
      '```',
      '<!-- user-guide:start -->',
      'Then press Print.',
      '<!-- user-guide:end -->',
      '## Test',
    ].join('\n');
    expect(extractUserGuide(readme)).toBe('## Use it\nPress Save.\n\nThen press Print.');
  });
});
