import * as fs from 'fs';
import * as path from 'path';

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

function writeWithFolders(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

/**
 * The files one synthesis writes into the folders it owns whole (the manifests, the node templates).
 * Each file is written over in place, and afterwards what an earlier synthesis left there that this one
 * did not write is removed ({@link removeStale}), instead of removing the folders first and making them
 * again: every unlink and rmdir waits on the file system, and removing the two trees took 60-130 ms of a
 * synthesis on the shared test machine's disk, for about 10 ms of CPU.
 */
export class OutputFiles {
  private readonly written = new Set<string>();

  /**
   * Writes `content` to `file`, making its folders. A file where one of its folders goes, or a folder
   * where it goes (left by an earlier layout), is removed first.
   */
  public write(file: string, content: string): void {
    const target = path.resolve(file);
    try {
      writeWithFolders(target, content);
    } catch (err) {
      if (!inTheWay(err)) throw err;
      clearWayTo(target);
      writeWithFolders(target, content);
    }
    this.written.add(target);
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
   * Removes what `root` held before this synthesis (`before`, read with {@link folderContents}) and this
   * synthesis did not write: its files, then every folder under `root` left empty, `root` included.
   */
  public removeStale(root: string, before: FolderContents): void {
    const top = path.dirname(path.resolve(root));
    const folders = new Set(before.emptyFolders);
    for (const file of before.files) {
      if (this.written.has(file)) continue;
      // Gone already, or a folder now: a file this synthesis wrote took its place or that of its folder.
      const now = statAt(file, false);
      if (now === undefined || now.isDirectory()) continue;
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
