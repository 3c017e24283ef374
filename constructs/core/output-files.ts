import * as fs from 'fs';
import * as path from 'path';

/** The event {@link OutputFiles.claim} emits on `process` (the run record listens for it). */
export const OUTPUT_TREE_EVENT = 'berth:output-tree';

/** What a folder held: its files, and its folders that held nothing. */
export interface FolderContents {
  readonly files: readonly string[];
  readonly emptyFolders: readonly string[];
}

/** Every file under `root` and every folder under it holding nothing (none when `root` does not exist). */
export function folderContents(root: string): FolderContents {
  const files: string[] = [];
  const emptyFolders: string[] = [];
  const walk = (folder: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    if (entries.length === 0) emptyFolders.push(folder);
    for (const entry of entries) {
      const entryPath = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(entryPath);
      else files.push(entryPath);
    }
  };
  walk(path.resolve(root));
  return { files, emptyFolders };
}

/** A file-system error meaning a file stands where a folder goes, or a folder where a file goes. */
function inTheWay(err: unknown): boolean {
  return ['EEXIST', 'ENOTDIR', 'EISDIR'].includes((err as NodeJS.ErrnoException).code ?? '');
}

/**
 * Whether `file` holds exactly `bytes`. Reading and comparing costs a fraction of writing a file over
 * (truncating and writing it again), and most files of a synthesis are what the last one wrote.
 */
function holds(file: string, bytes: Buffer): boolean {
  try {
    return fs.readFileSync(file).equals(bytes);
  } catch {
    return false;
  }
}

function writeWithFolders(file: string, content: Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/**
 * The files one synthesis writes into the folders it owns whole (the manifests, the node templates).
 * Each file is written over in place, only when its bytes change, and afterwards what an earlier
 * synthesis left there that this one did not write is removed ({@link removeStale}), instead of removing
 * the folders first and writing every file again: on the shared test machine's disk every unlink, rmdir
 * and truncation waits on the file system (removing the two trees took 57-137 ms of a synthesis, writing
 * their 47 files again 60-146 ms, for about 10 ms of CPU each; reading and comparing them 2-5 ms).
 */
export class OutputFiles {
  private readonly written = new Set<string>();

  /**
   * Declares `root` a folder this synthesis owns whole, before anything reads or writes there: what an
   * earlier synthesis left in it decides only which files are written again. The record of a run for
   * replay (scripts/run-record.js) then keeps the folder's final state, not what the run read there
   * first; otherwise the run after an edit that changed a manifest synthesized again, having read the
   * manifest's earlier bytes.
   */
  public claim(root: string): void {
    (process as NodeJS.EventEmitter).emit(OUTPUT_TREE_EVENT, path.resolve(root));
  }

  /**
   * Writes `content` to `file`, making its folders, unless the file holds exactly that already. A file
   * where one of its folders goes, or a folder where it goes (left by an earlier layout), is removed first.
   */
  public write(file: string, content: string): void {
    const target = path.resolve(file);
    this.written.add(target);
    const bytes = Buffer.from(content);
    if (holds(target, bytes)) return;
    try {
      writeWithFolders(target, bytes);
    } catch (err) {
      if (!inTheWay(err)) throw err;
      clearWayTo(target);
      writeWithFolders(target, bytes);
    }
  }

  /**
   * Lets `writeAll` write `folder` by its own means, from empty, and counts every file it leaves there as
   * written (for writers that cannot tell which files they write).
   */
  public writtenBy(folder: string, writeAll: () => void): void {
    fs.rmSync(folder, { recursive: true, force: true });
    writeAll();
    for (const file of folderContents(folder).files) this.written.add(file);
  }

  /**
   * Removes what `root` holds that this synthesis did not write (left by an earlier one): its files, then
   * every folder under `root` left empty, `root` included. Called once everything is written, it lists
   * `root` as the synthesis leaves it, so that a record of the run (decision 0027) compares that listing
   * with the same state when it is replayed.
   */
  public removeStale(root: string): void {
    const top = path.dirname(path.resolve(root));
    const now = folderContents(root);
    const folders = new Set(now.emptyFolders);
    for (const file of now.files) {
      if (this.written.has(file)) continue;
      fs.rmSync(file, { force: true });
      folders.add(path.dirname(file));
    }
    // Deepest first; a folder emptied may empty its parent.
    for (const start of [...folders].sort((a, b) => b.length - a.length)) {
      for (let folder = start; folder.startsWith(top + path.sep); folder = path.dirname(folder)) {
        if (!isEmptyFolder(folder)) break;
        fs.rmdirSync(folder);
      }
    }
  }
}

function isEmptyFolder(folder: string): boolean {
  try {
    return fs.readdirSync(folder).length === 0;
  } catch {
    return false; // already gone, or not a folder
  }
}

/** What stands at `target` (symbolic links followed when `follow`), or `undefined` when nothing can. */
function statAt(target: string, follow: boolean): fs.Stats | undefined {
  try {
    return follow ? fs.statSync(target) : fs.lstatSync(target);
  } catch (err) {
    if (['ENOENT', 'ENOTDIR'].includes((err as NodeJS.ErrnoException).code ?? '')) return undefined;
    throw err;
  }
}

/** Removes the file standing where a folder of `file` goes, or the folder standing where `file` goes. */
function clearWayTo(file: string): void {
  if (statAt(file, false)?.isDirectory()) {
    fs.rmSync(file, { recursive: true, force: true });
    return;
  }
  for (let folder = path.dirname(file); folder !== path.dirname(folder); folder = path.dirname(folder)) {
    const found = statAt(folder, true);
    if (found === undefined) continue;
    if (!found.isDirectory()) fs.rmSync(folder, { force: true });
    return;
  }
}
