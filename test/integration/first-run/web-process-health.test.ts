// Browser mode with a closed stdout or stderr (`npm run web | head -3`, a
// terminal that went away): it keeps serving, writes nothing more to the dead
// stream, and SIGTERM still stops it with exit code 0.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = join(__dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'janus-web-health-'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head></head><body>Janus</body></html>');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function startWeb(dataDir: string): ChildProcess {
  const env = { ...process.env };
  delete env.npm_lifecycle_event;
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web.ts', '--port', '0', '--data-dir', join(dir, dataDir), '--renderer-dir', dir], {
    cwd: repo,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.on('exit', (code) => resolve(code));
  });

/** The TCP ports `pid` listens on, from /proc (Linux): its socket inodes matched against /proc/net/tcp. */
function listeningPorts(pid: number): number[] {
  let inodes: Set<string>;
  try {
    inodes = new Set(
      readdirSync(`/proc/${pid}/fd`)
        .map((fd) => {
          try {
            return /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
          } catch {
            return undefined;
          }
        })
        .filter((inode): inode is string => inode !== undefined),
    );
  } catch {
    return [];
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is fields[1] (hex ip:port), st is fields[3] (0A = LISTEN), inode is fields[9].
      if (fields[3] === '0A' && inodes.has(fields[9] ?? '')) ports.push(Number.parseInt(fields[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

async function httpStatus(url: string): Promise<number> {
  return (await fetch(url)).status;
}

/** Its browser-mode port: the one that answers HTTP (the demo simulator listens too, and speaks TWS). */
async function httpPort(pid: number): Promise<number | null> {
  for (const port of listeningPorts(pid)) {
    const answered = await httpStatus(`http://127.0.0.1:${port}/no-token-here`).catch(() => 0);
    if (answered !== 0) return port;
  }
  return null;
}

describe('browser mode with a closed output stream', () => {
  it('keeps serving when stderr is closed, and exits 0 on SIGTERM', async () => {
    const child = startWeb('data-stderr');
    child.stderr!.destroy();
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    await expect.poll(() => stdout, { timeout: 30_000, interval: 50 }).toMatch(/\n$/);
    const url = new URL(/^Janus Workstation: (\S+)$/m.exec(stdout)![1]!);
    expect(await httpStatus(`${url.origin}/`)).toBe(200);
    child.kill('SIGTERM');
    // Its "shutting down" line hits the closed stderr: that must not keep it alive.
    expect(await exitOf(child)).toBe(0);
  }, 40_000);

  it.runIf(process.platform === 'linux')('keeps serving when stdout is closed before its link is printed, and exits 0 on SIGTERM', async () => {
    const child = startWeb('data-stdout');
    child.stdout!.destroy();
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let port: number | null = null;
    await expect.poll(async () => (port = await httpPort(child.pid!)), { timeout: 30_000, interval: 100 }).not.toBeNull();
    // Still answering after the write of its link to the closed stdout.
    expect(await httpStatus(`http://127.0.0.1:${port}/`)).toBe(200);
    expect(await httpStatus(`http://127.0.0.1:${port}/`)).toBe(200);
    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
    expect(stderr).toContain('Janus Workstation: SIGTERM, shutting down.');
    expect(stderr).not.toMatch(/EPIPE|unexpected error/);
  }, 40_000);
});
