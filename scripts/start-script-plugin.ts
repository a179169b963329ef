/**
 * Vite plugin: the renderer's start-up script (renderer/boot/start.ts) as its own small file, put first
 * in index.html's head. Bundled alone (esbuild), not as a chunk of the app's build, so it shares no
 * chunk with the app and loads in one request, in parallel with the app's bundle; a module script,
 * so it runs in order before the app's (the content policy allows no inline script).
 */
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const ENTRY = fileURLToPath(new URL('../renderer/boot/start.ts', import.meta.url));

export async function bundleStartScript(): Promise<string> {
  const result = await build({
    entryPoints: [ENTRY],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return result.outputFiles[0]!.text;
}

export function startScript(): Plugin {
  let fileName: string | null = null;
  return {
    name: 'bench-start-script',
    async buildStart() {
      if (this.meta.watchMode) return;
      const source = await bundleStartScript();
      fileName = `assets/start-${createHash('sha256').update(source).digest('base64url').slice(0, 8)}.js`;
      this.emitFile({ type: 'asset', fileName, source });
    },
    transformIndexHtml: {
      order: 'post',
      // Before the app's own module script (so it runs first), after the content-policy meta tag.
      handler(html, context) {
        // The dev server serves the TypeScript source; a build, the bundled file.
        const tag = `<script type="module" src="./${context.server ? 'boot/start.ts' : fileName}"></script>\n    `;
        const at = html.indexOf('<script type="module"');
        return at >= 0 ? html.slice(0, at) + tag + html.slice(at) : html.replace('</head>', `${tag}</head>`);
      },
    },
  };
}
