// The TWS API v100+ framing, both directions, as pure functions and a pure
// incremental reader. A frame is a 4-byte big-endian byte length followed by
// NUL-terminated UTF-8 fields. Every field we send is NUL-terminated: the
// @stoqey/ib client carries an unterminated last token into the next frame.

/** Double.MAX_VALUE as Java prints it: TWS's "unset" double; the client decodes it as undefined. */
export const UNSET_DOUBLE = '1.7976931348623157E308';
/** Integer.MAX_VALUE: TWS's "unset" int. */
export const UNSET_INT = '2147483647';

/** Largest frame a client may send us. PLACE_ORDER is ~1 KB; 1 MiB is generous and bounds memory. */
export const MAX_CLIENT_FRAME_BYTES = 1 << 20;
/** The handshake's version string ("v100..193" plus optional connect options) is tiny. */
export const MAX_HANDSHAKE_BYTES = 1024;

export type Field = string | number | boolean | null | undefined;

export function fieldText(value: Field): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return UNSET_DOUBLE;
    return String(value);
  }
  return value;
}

/** A double that may be unset (null): unset goes out as Double.MAX_VALUE, as TWS sends it. */
export function doubleOrUnset(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? UNSET_DOUBLE : String(value);
}

/** The frame body (fields joined, each NUL-terminated), without the length prefix. */
export function frameBody(fields: readonly Field[]): string {
  let body = '';
  for (const field of fields) body += fieldText(field) + '\0';
  return body;
}

export function encodeFrame(fields: readonly Field[]): Buffer {
  const body = frameBody(fields);
  const length = Buffer.byteLength(body, 'utf8');
  const frame = Buffer.allocUnsafe(4 + length);
  frame.writeUInt32BE(length, 0);
  frame.write(body, 4, 'utf8');
  return frame;
}

/** Splits a frame body into its fields; the body must end with NUL. */
export function splitFields(body: string): string[] | null {
  if (!body.endsWith('\0')) return null;
  return body.slice(0, -1).split('\0');
}

export interface VersionRange {
  min: number;
  max: number;
}

/** "v100..193" (optionally followed by " connectOptions"), or a single "v193". */
export function parseVersionRange(text: string): VersionRange | null {
  const match = /^v(\d{1,4})(?:\.\.(\d{1,4}))?(?:\s.*)?$/s.exec(text);
  if (!match?.[1]) return null;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : Number(match[2]);
  if (min > max) return null;
  return { min, max };
}

export type ReaderEvent =
  | { kind: 'handshake'; range: VersionRange }
  | { kind: 'message'; fields: string[] }
  | { kind: 'error'; reason: string };

const API_PREFIX = Buffer.from('API\0', 'latin1');

/**
 * Incremental reader for what a client sends: first "API\0" + a length-prefixed
 * version range, then length-prefixed messages. After the first error it stops
 * reading for good: the caller drops that connection (frame sync is lost).
 */
export class ClientFrameReader {
  private pending: Buffer = Buffer.alloc(0);
  private handshakeDone = false;
  private failed = false;

  push(chunk: Buffer): ReaderEvent[] {
    if (this.failed) return [];
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const events: ReaderEvent[] = [];
    for (;;) {
      const event = this.next();
      if (!event) break;
      events.push(event);
      if (event.kind === 'error') {
        this.failed = true;
        this.pending = Buffer.alloc(0);
        break;
      }
    }
    return events;
  }

  /** Bytes received but not yet forming a whole frame. */
  get bufferedBytes(): number {
    return this.pending.length;
  }

  private next(): ReaderEvent | null {
    if (!this.handshakeDone) return this.nextHandshake();
    if (this.pending.length < 4) return null;
    const length = this.pending.readUInt32BE(0);
    if (length === 0) return { kind: 'error', reason: 'empty frame' };
    if (length > MAX_CLIENT_FRAME_BYTES) return { kind: 'error', reason: `frame length ${length} exceeds ${MAX_CLIENT_FRAME_BYTES}` };
    if (this.pending.length < 4 + length) return null;
    const body = this.pending.subarray(4, 4 + length).toString('utf8');
    this.pending = this.pending.subarray(4 + length);
    const fields = splitFields(body);
    if (!fields) return { kind: 'error', reason: 'frame does not end with NUL' };
    return { kind: 'message', fields };
  }

  private nextHandshake(): ReaderEvent | null {
    const prefixBytes = Math.min(this.pending.length, API_PREFIX.length);
    if (!this.pending.subarray(0, prefixBytes).equals(API_PREFIX.subarray(0, prefixBytes))) {
      return { kind: 'error', reason: 'connection does not start with "API\\0"' };
    }
    if (this.pending.length < 8) return null;
    const length = this.pending.readUInt32BE(4);
    if (length === 0 || length > MAX_HANDSHAKE_BYTES) return { kind: 'error', reason: `handshake length ${length} out of range` };
    if (this.pending.length < 8 + length) return null;
    const text = this.pending.subarray(8, 8 + length).toString('utf8').replace(/\0+$/, '');
    this.pending = this.pending.subarray(8 + length);
    this.handshakeDone = true;
    const range = parseVersionRange(text);
    if (!range) return { kind: 'error', reason: `bad version string ${JSON.stringify(text.slice(0, 40))}` };
    return { kind: 'handshake', range };
  }
}
