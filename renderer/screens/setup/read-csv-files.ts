/** Reads chosen CSV files in the page, to send their text to the core's import. */
export const MAX_IMPORT_FILES = 10;

export async function readCsvFiles(files: FileList | readonly File[]): Promise<Array<{ name: string; content: string }>> {
  return Promise.all([...files].map(async (file) => ({ name: file.name, content: await file.text() })));
}
