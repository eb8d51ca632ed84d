// Browser-mode frames: reading what a client sent, without trusting it.
import { err, type ClientFrame, type Result, type ServerFrame } from '../../shared/ipc';

export type FrameReading =
  | { ok: true; frame: ClientFrame }
  /** `id` is the frame's id when one could be read, so the caller's request is answered. */
  | { ok: false; id: number | null; message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses one text frame into a ClientFrame, or says exactly what is wrong with it. */
export function readClientFrame(text: string): FrameReading {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, id: null, message: 'Malformed frame: not valid JSON.' };
  }
  if (!isRecord(value)) return { ok: false, id: null, message: 'Malformed frame: expected a JSON object.' };
  const id = Number.isSafeInteger(value.id) ? (value.id as number) : null;
  if (id === null) return { ok: false, id: null, message: 'Malformed frame: "id" must be an integer.' };
  if (value.type !== 'invoke') {
    return { ok: false, id, message: `Malformed frame: "type" must be "invoke", got ${JSON.stringify(value.type) ?? 'nothing'}.` };
  }
  if (typeof value.command !== 'string') {
    return { ok: false, id, message: 'Malformed frame: "command" must be a string.' };
  }
  return { ok: true, frame: { type: 'invoke', id, command: value.command, request: value.request } };
}

/** The id used to answer a frame whose own id could not be read. */
export const UNKNOWN_FRAME_ID = -1;

export function errorFrame(id: number | null, message: string): ServerFrame {
  return { type: 'result', id: id ?? UNKNOWN_FRAME_ID, result: err('invalid-payload', message) };
}

export function resultFrame(id: number, result: Result<unknown>): ServerFrame {
  return { type: 'result', id, result };
}
