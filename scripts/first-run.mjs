// What `npm start` and `npm run web` decide before anything runs: is the build
// current, can the desktop app start, should a browser open. Pure: the facts
// come in as arguments (gathered by scripts/build-state.mjs and start.mjs), the
// decision and its one sentence come out, so every sentence is unit-tested.

/** Electron's installer (@electron/get, its zip extractor) declares this Node. */
export const ELECTRON_INSTALLER_NODE = '22.12.0';

const PREFIX = 'Janus Workstation:';

/** True when `version` (with or without a leading v) is at least `minimum`. */
export function nodeAtLeast(version, minimum) {
  const parse = (text) => text.replace(/^v/, '').split('.').map((part) => Number.parseInt(part, 10) || 0);
  const have = parse(version);
  const want = parse(minimum);
  for (let i = 0; i < 3; i++) {
    if ((have[i] ?? 0) !== (want[i] ?? 0)) return (have[i] ?? 0) > (want[i] ?? 0);
  }
  return true;
}

/**
 * Whether out/ matches the sources. `missing` lists build outputs that do not
 * exist; `stampMs` is when the last complete build started (null: never);
 * `newest` is the most recently modified source file.
 * @returns {{ build: false } | { build: true, sentence: string }}
 */
export function buildDecision({ missing, stampMs, newest }) {
  if (missing.length > 0) return { build: true, sentence: `${PREFIX} building the app first (${missing[0]} is missing).` };
  if (stampMs === null) return { build: true, sentence: `${PREFIX} building the app first (out/ has no record of a complete build).` };
  if (newest !== null && newest.mtimeMs > stampMs) {
    return { build: true, sentence: `${PREFIX} rebuilding the app (${newest.path} changed since the last build).` };
  }
  return { build: false };
}

/**
 * The next step towards the desktop app.
 * - binaryPresent: Electron's executable exists.
 * - skipDownload: ELECTRON_SKIP_BINARY_DOWNLOAD is set.
 * - download: undefined before Electron's installer ran, else its outcome
 *   ('failed' with the installer's own reason when it gave one).
 * @returns {{ next: 'launch' } | { next: 'download', sentence: string } | { next: 'browser', sentence: string }}
 */
export function desktopDecision({ binaryPresent, skipDownload, nodeVersion, download }) {
  if (binaryPresent) return { next: 'launch' };
  const fallback = 'so the desktop app cannot start here; starting browser mode instead.';
  if (skipDownload) {
    return { next: 'browser', sentence: `${PREFIX} Electron's binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set, ${fallback}` };
  }
  if (download === undefined) {
    return { next: 'download', sentence: `${PREFIX} Electron's binary is not installed yet; fetching it once with Electron's installer.` };
  }
  const reasons = [download.reason ? download.reason : 'no network, or the download is blocked'];
  if (!nodeAtLeast(nodeVersion, ELECTRON_INSTALLER_NODE)) {
    reasons.push(`Electron's installer supports Node ${ELECTRON_INSTALLER_NODE} or newer and this is Node ${nodeVersion.replace(/^v/, '')}`);
  }
  return { next: 'browser', sentence: `${PREFIX} Electron's binary could not be downloaded (${reasons.join('; ')}), ${fallback}` };
}

/** The first line an installer printed that says what went wrong (not a stack frame). */
export function installerReason(stderr) {
  const lines = stderr.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('at '));
  const line = lines.find((candidate) => /error|fail|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|timed? ?out/i.test(candidate)) ?? lines[0];
  if (line === undefined) return undefined;
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

/**
 * How to open `url` in the system's browser, or why not. JANUS_NO_BROWSER=1 or
 * BROWSER=none turn it off; a Linux machine without a display has none.
 * @returns {{ open: true, command: string, args: string[] } | { open: false, why: string }}
 */
export function browserCommand({ platform, env, url }) {
  const flag = env.JANUS_NO_BROWSER;
  if (flag !== undefined && flag !== '' && flag !== '0') return { open: false, why: 'JANUS_NO_BROWSER is set' };
  if ((env.BROWSER ?? '').toLowerCase() === 'none') return { open: false, why: 'BROWSER=none' };
  if (platform === 'darwin') return { open: true, command: 'open', args: [url] };
  // `start` is a cmd built-in; its first quoted argument is the window title.
  if (platform === 'win32') return { open: true, command: 'cmd', args: ['/c', 'start', '', url.replace(/&/g, '^&')] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return { open: false, why: 'there is no display' };
  return { open: true, command: 'xdg-open', args: [url] };
}

/** The URL in browser mode's startup line, or null for any other line. */
export function startupUrl(line) {
  const match = /^Janus Workstation: (https?:\/\/\S+)$/.exec(line.trim());
  return match ? match[1] : null;
}
