/**
 * Keeping what the service left behind: its captured log, and on request its database, copied out of the run's
 * temporary directory (which is removed) once the service has stopped, so a reader of the report can see what the
 * service did. The runner names the files in the result before they are copied; the report links them.
 * @module
 */
import { copyFile, pathExists } from "../runtime/fs.ts";
import type { SystemUnderTest } from "./sut.ts";

/** What of the service's files a run keeps, and where (`busmark run` keeps the log, `--keep-service-files` all). */
export interface KeepServiceFiles {
  /** Keep its database (with its `-wal`/`-shm` files) too, not only its log. */
  database: boolean;
  /** The directory the files of run `runId` are copied into (created when missing). */
  dirFor(runId: string): string;
}

/** One file to keep: its name in the report directory and where it is now. */
export interface ServiceFile {
  name: string;
  path: string;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** The files of `sut` there are to keep now: its log, and its database when asked and it exists. */
export function serviceFilesOf(sut: Pick<SystemUnderTest, "logPath" | "dbPath">, database: boolean): ServiceFile[] {
  const files: ServiceFile[] = [];
  if (sut.logPath && pathExists(sut.logPath)) files.push({ name: "service.log", path: sut.logPath });
  if (database && sut.dbPath && pathExists(sut.dbPath)) {
    const name = baseName(sut.dbPath) === "service.log" ? "service-db" : baseName(sut.dbPath);
    files.push({ name, path: sut.dbPath });
  }
  return files;
}

/**
 * Copies `files` into `dir`; a database's `-wal` and `-shm` files go with it when present (a WAL database is only
 * whole with them). Returns the names copied; a file that vanished is skipped.
 */
export function copyServiceFiles(files: readonly ServiceFile[], dir: string): string[] {
  const copied: string[] = [];
  for (const file of files) {
    if (!pathExists(file.path)) continue;
    copyFile(file.path, `${dir}/${file.name}`);
    copied.push(file.name);
    for (const suffix of ["-wal", "-shm"]) {
      if (file.name !== "service.log" && pathExists(file.path + suffix)) {
        copyFile(file.path + suffix, `${dir}/${file.name}${suffix}`);
      }
    }
  }
  return copied;
}
