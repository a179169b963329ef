/** The Help view's text: the README's user section, as the renderer build bundles it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractUserGuide } from '../../scripts/user-guide.js';
import { REPO } from './helpers.js';

describe('user guide', () => {
  it("is the README's sections for users, without the developers' ones", () => {
    const guide = extractUserGuide(readFileSync(join(REPO, 'README.md'), 'utf8'));
    expect(guide).toMatch(/^## /);
    expect(guide).toContain('npm start');
    expect(guide).not.toMatch(/^## (Test|Layout|Desktop packaging)\b/m);
  });

  it('follows explicit markers when the README has them', () => {
    const readme = '# X\n\n## Intro\nhi\n<!-- user-guide:start -->\n## Use it\nPress Save.\n<!-- user-guide:end -->\n## Test\nnpm test\n';
    expect(extractUserGuide(readme)).toBe('## Use it\nPress Save.');
  });
});
