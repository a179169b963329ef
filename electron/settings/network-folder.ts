/**
 * Whether a chosen data folder is on a network share. The bench's SQLite file runs in WAL mode, which
 * needs shared memory and byte-range locks that network file systems do not give reliably: two
 * benches (or one after a dropped connection) could corrupt the database there. So Choose Data Folder
 * refuses such a folder, saying why. Plain Node (no 'electron' import), so it is tested here.
 */
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';

/** statfs(2) f_type of network file systems (Linux magic numbers, include/uapi/linux/magic.h and their sources). */
const NETWORK_FILE_SYSTEMS: ReadonlyMap<number, string> = new Map([
  [0x6969, 'NFS'],
  [0x517b, 'SMB'],
  [0xff534d42, 'CIFS'],
  [0xfe534d42, 'SMB2'],
  [0x5346414f, 'AFS'],
  [0x6b414653, 'AFS'],
  [0x564c, 'NCP'],
  [0x73757245, 'Coda'],
  [0x00c36400, 'Ceph'],
  [0x0bd00bd0, 'Lustre'],
  [0x47504653, 'GPFS'],
]);

export type FileSystemType = (path: string) => Promise<number | null>;

/**
 * The statfs type of the nearest existing folder at or above `dir` (null where the platform has none).
 * Asynchronous: a folder on a hung network mount must not freeze the window that asked.
 */
export async function fileSystemTypeOf(dir: string): Promise<number | null> {
  for (let at = dir; ; at = dirname(at)) {
    try {
      return (await statfs(at)).type;
    } catch {
      if (dirname(at) === at) return null;
    }
  }
}

/** \\server\share or //server/share; \\?\UNC\server\share. A local long path (\\?\C:\...) is not one. */
const UNC_PATH = /^[\\/]{2}(?![?.][\\/])[^\\/]+[\\/][^\\/]+|^[\\/]{2}[?.][\\/]UNC[\\/]/i;

/**
 * Why `dir` cannot hold the bench's database, in words for the person choosing it, or null when it can.
 * A Windows UNC path is a network folder whatever the platform says of it. The statfs types are Linux's:
 * a mapped drive letter on Windows and a share under /Volumes on macOS are not recognised.
 */
export async function networkFolderProblem(dir: string, typeOf: FileSystemType = fileSystemTypeOf): Promise<string | null> {
  const why = (what: string) =>
    `${dir} is on ${what}. The bench's database must be on this computer's own disk: over a network its file locks are not reliable and it could be damaged. Choose a folder on this computer.`;
  if (UNC_PATH.test(dir)) return why('a network share');
  const type = await typeOf(dir);
  const name = type === null ? undefined : NETWORK_FILE_SYSTEMS.get(type);
  return name ? why(`a network drive (${name})`) : null;
}
