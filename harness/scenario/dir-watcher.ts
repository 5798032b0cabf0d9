/**
 * Watches a set of directories (not recursively) with `node:fs` watch and reports each change as the path it names.
 * Watching directories rather than files sees what editors do: save by writing a temporary file and renaming it over
 * the original (a file watch would stay on the old inode), delete and re-create. The caller recomputes the set after
 * each batch of changes (new sub-folders, a deleted folder replaced by its nearest existing parent).
 *
 * Why not `fs.watch(dir, { recursive: true })`: on Linux, Node 20 builds it in JavaScript over one watch per folder,
 * with known races and crashes (nodejs/node#48437: events missed in folders created after the start; #52018: a crash
 * when files are deleted), and it would watch whole trees (node_modules) where a handful of folders is enough.
 */
import { type FSWatcher, statSync, watch } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Called with the path a change names (a file or folder in a watched directory, or the directory itself). */
export type ChangeListener = (path: string) => void;

/** The nearest existing directory at or above `path` (the path itself when it is a directory). */
export function nearestDirectory(path: string): string {
  let p = path;
  for (;;) {
    if (statSync(p, { throwIfNoEntry: false })?.isDirectory()) return p;
    const up = dirname(p);
    if (up === p) return p;
    p = up;
  }
}

/** A set of directory watches. */
export class DirectoryWatcher {
  /** The watch of each directory, with the inode it was made on (a folder deleted and re-created is a new inode). */
  private readonly watchers = new Map<string, { w: FSWatcher; ino: number }>();

  constructor(private readonly onChange: ChangeListener) {}

  /** The directories watched now. */
  get directories(): string[] {
    return [...this.watchers.keys()].sort();
  }

  /** Watches exactly these directories: new ones are added, others closed; ones that are not directories skipped. */
  set(dirs: Iterable<string>): void {
    const wanted = new Set(dirs);
    for (const [dir, { w, ino }] of this.watchers) {
      const st = statSync(dir, { throwIfNoEntry: false });
      if (!wanted.has(dir) || !st?.isDirectory() || st.ino !== ino) {
        w.close();
        this.watchers.delete(dir);
      }
    }
    for (const dir of wanted) {
      const st = statSync(dir, { throwIfNoEntry: false });
      if (this.watchers.has(dir) || !st?.isDirectory()) continue;
      try {
        const dead = () => {
          w.close();
          if (this.watchers.get(dir)?.w === w) this.watchers.delete(dir);
          this.onChange(dir);
        };
        const w = watch(dir, { persistent: true }, (_event, name) => {
          if (!name) return this.onChange(dir);
          this.onChange(join(dir, name));
          // Linux reports the watched folder's own deletion or move under its own name, and the watch is dead after
          // it (a folder re-created at once may even get the same inode): drop it, the next set() watches afresh
          if (name === basename(dir)) dead();
        });
        // the folder went away (deleted, unmounted): report it; the next set() drops or replaces the watch
        w.on('error', dead);
        this.watchers.set(dir, { w, ino: st.ino });
      } catch {
        // gone between the stat and the watch, or not readable: the next set() tries again
      }
    }
  }

  /** Closes every watch. */
  close(): void {
    for (const { w } of this.watchers.values()) w.close();
    this.watchers.clear();
  }
}
