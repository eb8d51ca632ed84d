// The app:// protocol the desktop window loads from, instead of file://: under
// file:// the CSP's 'self' admits every local file, under app://janus only the
// renderer's own files exist. Pure: main.ts does the reading and answering.
import { contentTypeOf, resolveStaticPath } from '../transport/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'janus';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

export type AppRequestTarget =
  | { ok: true; file: string; contentType: string }
  | { ok: false; status: 404; reason: string };

function notFound(reason: string): AppRequestTarget {
  return { ok: false, status: 404, reason };
}

/** `..` or `.` segments in the path as written, before any URL normalisation, encoded or not. */
function hasDotSegment(rawPath: string): boolean {
  return rawPath.split(/[/\\]|%2f|%5c/i).some((segment) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return true;
    }
    return decoded === '.' || decoded === '..';
  });
}

/**
 * The renderer file an app:// request names inside `rendererDir`, or why it is
 * refused. The raw URL is checked before parsing, because URL parsing quietly
 * resolves `..` and would turn a traversal attempt into an innocent-looking path.
 */
export function resolveAppRequest(rendererDir: string, requestUrl: string): AppRequestTarget {
  const prefix = `${APP_ORIGIN}/`;
  if (!requestUrl.toLowerCase().startsWith(prefix)) return notFound(`not an ${APP_ORIGIN} URL`);
  const rest = requestUrl.slice(prefix.length).split(/[?#]/, 1)[0] ?? '';
  if (hasDotSegment(rest)) return notFound('the path climbs out of the app');
  const rawPath = `/${rest}`;
  if (rawPath.startsWith('//')) return notFound('an absolute path');
  const file = resolveStaticPath(rendererDir, rawPath);
  if (file === null) return notFound('not a file of the app');
  return { ok: true, file, contentType: contentTypeOf(file) };
}
