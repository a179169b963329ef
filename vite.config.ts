import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { startScript } from './scripts/start-script-plugin.js';
import { extractUserGuide } from './scripts/user-guide.js';

/** 'virtual:user-guide': the README's user section as a string, for the Help view. */
function userGuide(): Plugin {
  const id = 'virtual:user-guide';
  const resolved = `\0${id}`;
  const readme = fileURLToPath(new URL('./README.md', import.meta.url));
  return {
    name: 'bench-user-guide',
    resolveId: (source) => (source === id ? resolved : null),
    load(loadId) {
      if (loadId !== resolved) return null;
      this.addWatchFile(readme);
      return `export default ${JSON.stringify(extractUserGuide(readFileSync(readme, 'utf8')))};`;
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), userGuide(), startScript()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      output: {
        // React, zod and the contract's shared code in one chunk beside the app's: left to itself the
        // build split them into several small ones, and with the start-up script the page asked for more
        // files at once than a browser opens connections to one host (6), so the last waited for a free
        // one. Shared code only later screens use (the GS1 parser, identifier ranges) stays out of it,
        // so the first paint does not download and compile it.
        codeSplitting: {
          groups: [{ name: 'vendor', test: /node_modules[\\/](react|react-dom|scheduler|zod)[\\/]|[\\/]shared[\\/](contract|sync|identifiers|domain)[\\/]/ }],
        },
      },
    },
  },
});
