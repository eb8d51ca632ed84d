// Which WebSocket upgrades browser mode accepts. Pure, so each refusal is
// tested without sockets: our path, our Host (no DNS rebinding), this run's
// token in Sec-WebSocket-Protocol, and our own page's Origin.
import { WS_PATH } from '../../shared/ipc';
import { isAuthorizedUpgrade } from './access-token';
import { isAllowedWsOrigin } from './app-origin';

export interface UpgradeRequest {
  url: string | undefined;
  host: string | undefined;
  origin: string | undefined;
  /** The raw Sec-WebSocket-Protocol header. */
  protocols: string | undefined;
}

export interface UpgradeRefusal {
  status: 400 | 403 | 404;
  /** The body sentence the client receives. */
  sentence: string;
  /** What the host's log says, or null when a refusal is not worth a line. */
  log: string | null;
}

export const REFUSED_TOKEN = 'WebSocket refused: this run\'s token is missing or wrong; open the link printed when Janus Workstation started.';
export const REFUSED_ORIGIN = 'WebSocket refused: only the workstation\'s own page may connect.';
export const REFUSED_HOST = 'WebSocket refused: the Host header is not 127.0.0.1 or localhost on this port.';

/** True for the Host header of our own page: refuses pages that reach 127.0.0.1 under a foreign name. */
export function isOurHostHeader(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  const host = hostHeader.toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** Null when the upgrade may proceed; otherwise why not. */
export function upgradeRefusal(req: UpgradeRequest, port: number, token: string): UpgradeRefusal | null {
  let pathname: string;
  try {
    pathname = new URL(req.url ?? '/', `http://127.0.0.1:${port}`).pathname;
  } catch {
    return { status: 400, sentence: 'Bad request.', log: null };
  }
  if (pathname !== WS_PATH) return { status: 404, sentence: 'Not found.', log: null };
  if (!isOurHostHeader(req.host, port)) return { status: 403, sentence: REFUSED_HOST, log: `${REFUSED_HOST} (${req.host ?? 'none'})` };
  if (!isAuthorizedUpgrade(req.protocols, token)) return { status: 403, sentence: REFUSED_TOKEN, log: REFUSED_TOKEN };
  if (!isAllowedWsOrigin(req.origin, port)) {
    return { status: 403, sentence: REFUSED_ORIGIN, log: `${REFUSED_ORIGIN} (Origin: ${req.origin ?? 'none'})` };
  }
  return null;
}
