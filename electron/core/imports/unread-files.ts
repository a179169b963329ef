/**
 * Files of one import refused whole (empty, not UTF-8, not CSV, an unknown header): each is noted
 * and the next file read on, so one refusal names every file's problems rather than the first bad
 * file's only (the next one found on the next try). Nothing is imported while any file is unread.
 */
import { BenchError, type Issue } from '../../../shared/contract/result.js';
import { counted } from '../../../shared/domain/counted.js';

export class UnreadFiles {
  private readonly failures: Array<{ name: string; error: BenchError }> = [];

  /** Notes `error` for file `name` when it is the file's own fault (a refusal in words); anything else is thrown on. */
  note(name: string, error: unknown): void {
    if (!(error instanceof BenchError) || error.code !== 'validation') throw error;
    this.failures.push({ name, error });
  }

  get names(): ReadonlySet<string> {
    return new Set(this.failures.map((f) => f.name));
  }

  /**
   * Throws when any file was refused: that file's error alone when it is the only problem (its own
   * words), else one refusal listing every refused file's issues and the line issues of the others.
   * "Refused", not "could not be read": a file with a header that fits no kind was read.
   */
  throwIfAny(lineIssues: () => Issue[]): void {
    if (!this.failures.length) return;
    const lines = lineIssues();
    if (this.failures.length === 1 && !lines.length) throw this.failures[0]!.error;
    const issues = this.failures.flatMap(({ name, error }) => (error.issues.length ? error.issues : [{ where: name, message: error.message }]));
    const count = this.failures.length;
    const alsoLines = lines.length ? `, and ${counted(lines.length, 'line of the others needs', 'lines of the others need')} fixing` : '';
    throw new BenchError('validation', `${count} of the files were refused${alsoLines}; nothing was imported.`, [...issues, ...lines]);
  }
}
