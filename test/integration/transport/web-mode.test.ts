// `npm run web` as a user runs it: the real host with the demo simulator behind
// the WebSocket transport, in its own process, over real TCP.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionState, Snapshot } from '../../../shared/model';
import { connect } from './ws-client';

const repo = join(__dirname, '..', '..', '..');
const LINE = /^Janus Workstation: http:\/\/127\.0\.0\.1:(\d+)\/#token=([A-Za-z0-9_-]{43})$/;

interface Run {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function runWeb(args: string[]): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web.ts', ...args], { cwd: repo, env: { ...process.env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const run = { child, stdout: () => stdout, stderr: () => stderr, exited };
  running.add(run);
  void exited.then(() => running.delete(run));
  return run;
}

function status(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject).end();
  });
}

const running = new Set<Run>();
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'janus-web-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head></head><body>Janus</body></html>');
});
afterAll(() => {
  // Never leave a server behind when a test failed half-way.
  for (const run of running) run.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run web', () => {
  it('prints one line with the link, serves the demo SIMULATED account, and stops cleanly on SIGTERM', async () => {
    const run = runWeb(['--port', '0', '--data-dir', join(dir, 'data'), '--renderer-dir', dir]);
    await expect.poll(run.stdout, { timeout: 15_000, interval: 50 }).toMatch(/\n$/);
    const match = LINE.exec(run.stdout().trimEnd());
    expect(match, `stdout was: ${run.stdout()}\nstderr was: ${run.stderr()}`).not.toBeNull();
    const port = Number(match![1]);
    const token = match![2]!;
    // The page holds no secret; the token guards the WebSocket only.
    expect(await status(port, '/')).toBe(200);

    const client = await connect(port, token);
    const first = await client.invoke(1, 'app.snapshot', {});
    expect(first.type === 'result' && first.result.ok).toBe(true);
    const snapshot = (first as { result: { value: Snapshot } }).result.value;
    expect(snapshot.connections).toHaveLength(1);
    expect(snapshot.connections[0]).toMatchObject({ account: 'demo', simulated: true });
    // The demo session reaches the simulator and becomes ready for orders (maybe before we asked).
    let demo = snapshot.connections[0]!;
    if (!demo.readyForOrders) {
      const ready = await client.next(
        (f) => f.type === 'event' && f.event === 'connection' && (f.payload as ConnectionState).readyForOrders,
      );
      demo = (ready as { payload: ConnectionState }).payload;
    }
    expect(demo).toMatchObject({ account: 'demo', simulated: true, socket: 'connected', accountCode: 'DU1000001' });
    await client.close();

    // A second host on the same data folder would fight the first over the same client ids.
    const second = runWeb(['--port', '0', '--data-dir', join(dir, 'data'), '--renderer-dir', dir]);
    expect(await second.exited).toBe(1);
    expect(second.stdout()).toBe('');
    expect(second.stderr()).toContain(`Janus Workstation: it is already running with the data folder ${join(dir, 'data')} (process ${run.child.pid});`);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(run.stdout().trimEnd().split('\n')).toHaveLength(1);
  }, 45_000);

  it('tells the user to build first when the UI is missing', async () => {
    const run = runWeb(['--port', '0', '--data-dir', join(dir, 'data2'), '--renderer-dir', join(dir, 'nothing-here')]);
    expect(await run.exited).toBe(1);
    expect(run.stdout()).toBe('');
    expect(run.stderr()).toContain('run `npm run build` first, then `npm run web` again.');
  }, 20_000);

  it('refuses a bad option with the reason and the usage', async () => {
    const run = runWeb(['--port', 'eighty']);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain('Janus Workstation: --port needs a number from 0 to 65535, got "eighty".');
    expect(run.stderr()).toContain('Usage: npm run web --');
  }, 20_000);
});
