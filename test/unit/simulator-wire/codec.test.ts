import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ClientFrameReader, MAX_CLIENT_FRAME_BYTES, UNSET_DOUBLE, doubleOrUnset, encodeFrame, fieldText, parseVersionRange, splitFields,
} from '../../../electron/simulator/wire/codec';

function handshake(version = 'v100..193'): Buffer {
  const text = Buffer.from(version);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(text.length);
  return Buffer.concat([Buffer.from('API\0'), length, text]);
}

describe('field encoding', () => {
  it('writes values as TWS does', () => {
    expect(fieldText(undefined)).toBe('');
    expect(fieldText(null)).toBe('');
    expect(fieldText(true)).toBe('1');
    expect(fieldText(false)).toBe('0');
    expect(fieldText(187.5)).toBe('187.5');
    expect(fieldText(-1)).toBe('-1');
    expect(fieldText(Number.POSITIVE_INFINITY)).toBe(UNSET_DOUBLE);
    expect(fieldText('BRK B')).toBe('BRK B');
    expect(doubleOrUnset(null)).toBe('1.7976931348623157E308');
    expect(doubleOrUnset(0)).toBe('0');
    expect(Number.parseFloat(UNSET_DOUBLE)).toBe(Number.MAX_VALUE);
  });

  it('frames fields with a big-endian byte length and a NUL after every field', () => {
    const frame = encodeFrame([9, 1, 42]);
    expect([...frame]).toEqual([0, 0, 0, 7, ...Buffer.from('9\x001\x0042\x00')]);
  });

  it('counts bytes, not characters, for non-ASCII text', () => {
    const frame = encodeFrame(['é']);
    expect(frame.readUInt32BE(0)).toBe(3);
    expect(frame.subarray(4).toString('utf8')).toBe('é\0');
  });

  it('splits a body into fields only when it ends with NUL', () => {
    expect(splitFields('49\x001\x00')).toEqual(['49', '1']);
    expect(splitFields('3\x00\x00x\x00')).toEqual(['3', '', 'x']);
    expect(splitFields('49\x001')).toBeNull();
  });
});

describe('version range', () => {
  it('reads the client range and optional connect options', () => {
    expect(parseVersionRange('v100..193')).toEqual({ min: 100, max: 193 });
    expect(parseVersionRange('v100..193 +PACEAPI')).toEqual({ min: 100, max: 193 });
    expect(parseVersionRange('v193')).toEqual({ min: 193, max: 193 });
    expect(parseVersionRange('v193..100')).toBeNull();
    expect(parseVersionRange('100..193')).toBeNull();
    expect(parseVersionRange('')).toBeNull();
  });
});

describe('ClientFrameReader', () => {
  it('reads the handshake then messages, even one byte at a time', () => {
    const bytes = Buffer.concat([handshake(), encodeFrame([71, 2, 7, '']), encodeFrame([49, 1])]);
    const reader = new ClientFrameReader();
    const events = [...bytes].flatMap((byte) => reader.push(Buffer.from([byte])));
    expect(events).toEqual([
      { kind: 'handshake', range: { min: 100, max: 193 } },
      { kind: 'message', fields: ['71', '2', '7', ''] },
      { kind: 'message', fields: ['49', '1'] },
    ]);
    expect(reader.bufferedBytes).toBe(0);
  });

  it('waits for the rest of a partial frame', () => {
    const reader = new ClientFrameReader();
    reader.push(handshake());
    const frame = encodeFrame([49, 1]);
    expect(reader.push(frame.subarray(0, 6))).toEqual([]);
    expect(reader.bufferedBytes).toBe(6);
    expect(reader.push(frame.subarray(6))).toEqual([{ kind: 'message', fields: ['49', '1'] }]);
  });

  it('refuses a connection that does not start with API\\0, as soon as a byte differs', () => {
    const reader = new ClientFrameReader();
    expect(reader.push(Buffer.from('AP'))).toEqual([]);
    expect(reader.push(Buffer.from('X'))).toEqual([{ kind: 'error', reason: 'connection does not start with "API\\0"' }]);
  });

  it('refuses a bad version string', () => {
    expect(new ClientFrameReader().push(handshake('hello'))).toEqual([{ kind: 'error', reason: 'bad version string "hello"' }]);
  });

  it('refuses absurd, empty and unterminated frames, then reads nothing more', () => {
    const absurd = new ClientFrameReader();
    absurd.push(handshake());
    const length = Buffer.alloc(4);
    length.writeUInt32BE(MAX_CLIENT_FRAME_BYTES + 1);
    expect(absurd.push(length)).toEqual([{ kind: 'error', reason: `frame length ${MAX_CLIENT_FRAME_BYTES + 1} exceeds ${MAX_CLIENT_FRAME_BYTES}` }]);
    expect(absurd.push(encodeFrame([49, 1]))).toEqual([]);

    const empty = new ClientFrameReader();
    empty.push(handshake());
    expect(empty.push(Buffer.alloc(4))).toEqual([{ kind: 'error', reason: 'empty frame' }]);

    const unterminated = new ClientFrameReader();
    unterminated.push(handshake());
    expect(unterminated.push(Buffer.concat([Buffer.from([0, 0, 0, 2]), Buffer.from('49')]))).toEqual([
      { kind: 'error', reason: 'frame does not end with NUL' },
    ]);
  });

  it('yields the same messages however the byte stream is cut (property)', () => {
    const fieldArb = fc.string({ maxLength: 12 }).filter((s) => !s.includes('\0'));
    fc.assert(
      fc.property(fc.array(fc.array(fieldArb, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 10 }), fc.array(fc.nat(), { maxLength: 12 }), (messages, cuts) => {
        const bytes = Buffer.concat([handshake(), ...messages.map((m) => encodeFrame(m))]);
        const points = [...new Set(cuts.map((c) => c % bytes.length))].sort((a, b) => a - b);
        const reader = new ClientFrameReader();
        const events = [];
        let start = 0;
        for (const point of [...points, bytes.length]) {
          events.push(...reader.push(bytes.subarray(start, point)));
          start = point;
        }
        expect(events).toEqual([{ kind: 'handshake', range: { min: 100, max: 193 } }, ...messages.map((fields) => ({ kind: 'message', fields }))]);
      }),
      { numRuns: 200 },
    );
  });
});
