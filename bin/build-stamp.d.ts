/** Where the stamp is, relative to the package root. */
export declare const STAMP_FILE: string;
/** The compiled entry, relative to the package root. */
export declare const COMPILED_ENTRY: string;
/** The stamp of the sources under `root`/src as the build writes it: `<newest mtime in ms> <file count>`. */
export declare function sourceStamp(root: string): string;
/** True when `root` is inside a `node_modules` directory: an installed package, not a checkout. */
export declare function isInstalled(root: string): boolean;
/** The compiled entry's absolute path when `root`'s `dist/` is there and not stale; otherwise undefined. */
export declare function compiledEntry(root: string): string | undefined;
