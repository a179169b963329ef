import { readFileSync } from 'node:fs';

/**
 * The PEM text of the CA (or self-signed hub certificate) named by BENCH_HUB_CA, for a hub whose
 * certificate the system does not trust; undefined when unset. Throws a sentence for a bad file.
 */
export function readHubCa(env: NodeJS.ProcessEnv): string | undefined {
  const file = env.BENCH_HUB_CA?.trim() ?? '';
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`BENCH_HUB_CA: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`, { cause: err });
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`BENCH_HUB_CA: ${file} is not a PEM certificate file.`);
  return text;
}
