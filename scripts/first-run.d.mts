// Types for scripts/first-run.mjs (plain JS so `node scripts/start.mjs` needs no loader).
export declare const ELECTRON_INSTALLER_NODE: string;
export declare function nodeAtLeast(version: string, minimum: string): boolean;
export interface SourceFile {
  path: string;
  mtimeMs: number;
}
export declare function buildDecision(facts: {
  missing: readonly string[];
  stampMs: number | null;
  newest: SourceFile | null;
}): { build: false } | { build: true; sentence: string };
export type DownloadOutcome = { ok: false; reason?: string | undefined };
export declare function desktopDecision(facts: {
  binaryPresent: boolean;
  skipDownload: boolean;
  nodeVersion: string;
  download?: DownloadOutcome | undefined;
}): { next: 'launch' } | { next: 'download'; sentence: string } | { next: 'browser'; sentence: string };
export declare function installerReason(stderr: string): string | undefined;
export declare function browserCommand(facts: {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  url: string;
}): { open: true; command: string; args: string[] } | { open: false; why: string };
export declare function startupUrl(line: string): string | null;
