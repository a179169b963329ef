/**
 * Files of one import refused whole (empty, not UTF-8, not CSV, an unknown header): each is noted
 * and the next file read on, so one refusal names every file's problems rather than the first bad
 * file's only (the next one found on the next try). Nothing is imported while any file is unread.
 */
import { BenchError, type Issue } from '../../../shared/contract/result.js';
import { counted, listedInWords } from '../../../shared/domain/counted.js';

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
   * "Refused", not "could not be read": a file with a header that fits no kind was read. `names`: every
   * file of the import, in order. The others were read line by line only: what needs the store and the
   * other files (a value listed twice, more serial numbers than stock, a barcode another product has) is
   * checked as they are saved, which a refused file stops; the refusal says so rather than let them pass
   * for fine (the manager fixed the one file, and heard of the next problem only on the next try).
   */
  throwIfAny(names: readonly string[], lineIssues: () => Issue[]): void {
    if (!this.failures.length) return;
    const lines = lineIssues();
    const refused = this.names;
    const others = names.filter((name) => !refused.has(name));
    const notChecked =
      others.length === 0
        ? ''
        : ` ${listedInWords(others)} ${others.length === 1 ? 'was' : 'were'} only read: ${others.length === 1 ? 'it is' : 'they are'} checked against the bench and each other once the refused ${refused.size === 1 ? 'file is' : 'files are'} fixed.`;
    if (this.failures.length === 1 && !lines.length) {
      const only = this.failures[0]!.error;
      if (!notChecked) throw only;
      throw new BenchError(only.code, `${only.message}${notChecked}`, only.issues);
    }
    const issues = this.failures.flatMap(({ name, error }) => (error.issues.length ? error.issues : [{ where: name, message: error.message }]));
    const count = this.failures.length;
    const alsoLines = lines.length ? `, and ${counted(lines.length, 'line of the others needs', 'lines of the others need')} fixing` : '';
    const of =
      count < names.length ? `${count} of the ${counted(names.length, 'file', 'files')} ${count === 1 ? 'was' : 'were'} refused` : `${count === 2 ? 'Both' : `All ${count}`} files were refused`;
    throw new BenchError('validation', `${of}${alsoLines}; nothing was imported.${notChecked}`, [...issues, ...lines]);
  }
}

