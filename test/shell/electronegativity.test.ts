/**
 * scripts/electronegativity-check.ts: reads electronegativity's CSV report and fails on HIGH findings
 * and on files it could not parse. Proven on a weakened copy of the shell with the real tool
 * (offline: release lookup off).
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvReport, runElectronegativity, SHELL_SOURCES } from '../../scripts/electronegativity-check.js';
import { REPO, tempFolder, weaken } from './helpers.js';

describe('electronegativity report', () => {
  it('reads the CSV report, quoted fields included', () => {
    const csv = [
      'issue, severity, confidence, filename, location, sample, description, url',
      'CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","electron/main.ts","12:4","contextIsolation: false,","Review the use of the contextIsolation option, see ""docs""",https://github.com/doyensec/electronegativity/wiki/CONTEXT_ISOLATION_JS_CHECK',
      'PRELOAD_JS_CHECK,"MEDIUM","FIRM","electron/main.ts","129:6","preload: x,","Review the use of preload scripts",https://github.com/doyensec/electronegativity/wiki/PRELOAD_JS_CHECK',
    ].join('\n');
    const findings = parseCsvReport(csv);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatchObject({ issue: 'CONTEXT_ISOLATION_JS_CHECK', severity: 'HIGH', file: 'electron/main.ts', location: '12:4' });
    expect(findings[0]!.description).toContain('"docs"');
    expect(findings.filter((f) => f.severity === 'HIGH')).toHaveLength(1);
  });

  it('fails a weakened shell with HIGH findings, and reports files it cannot parse', () => {
    const root = tempFolder('bench-eng-');
    for (const source of SHELL_SOURCES) {
      mkdirSync(join(root, source, '..'), { recursive: true });
      cpSync(join(REPO, source), join(root, source), { recursive: true });
    }
    const main = readFileSync(join(root, 'electron/main.ts'), 'utf8');
    let weak = weaken(main, 'contextIsolation: true,', 'contextIsolation: false,');
    weak = weaken(weak, 'nodeIntegration: false,', 'nodeIntegration: true,');
    weak = weaken(weak, 'sandbox: true,', 'sandbox: false,');
    writeFileSync(join(root, 'electron/main.ts'), weak);
    writeFileSync(join(root, 'electron/shell/unparsable.ts'), 'export const = { ;\n');

    const outcome = runElectronegativity({ root, reportFile: join(root, 'report.csv') });
    const high = outcome.high.map((f) => f.issue);
    expect(high, JSON.stringify(outcome.findings, null, 1)).toContain('CONTEXT_ISOLATION_JS_CHECK');
    expect(outcome.parseErrors.map((e) => e.file)).toContain(join('electron', 'shell', 'unparsable.ts'));
    expect(readFileSync(outcome.reportFile, 'utf8')).toMatch(/^issue, severity/);
  }, 180_000);
});
