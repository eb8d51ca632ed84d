import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The boundary rules are only worth having if they fire: lint snippets that
// break each one and check the exact rule and message.
async function lintAs(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('process boundaries', () => {
  it('refuses electron outside the shell', async () => {
    const messages = await lintAs('electron/host/x.ts', "import { app } from 'electron';\nexport const a = app;\n");
    expect(messages.join('\n')).toContain('Only electron/main.ts and electron/preload.ts may import electron');
  });
  it('lets main.ts import electron', async () => {
    expect(await lintAs('electron/main.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });
  it('keeps Node modules out of shared/', async () => {
    const messages = await lintAs('shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n");
    expect(messages.join('\n')).toContain('shared/ is pure TypeScript: no Node modules.');
  });
  it('keeps the renderer away from electron/ and Node', async () => {
    const a = await lintAs('renderer/x.ts', "import { startHost } from '../electron/host/host';\nexport const s = startHost;\n");
    expect(a.join('\n')).toContain('renderer/ imports only shared/ and its own files.');
    const b = await lintAs('renderer/y.ts', "import net from 'net';\nexport const n = net;\n");
    expect(b.join('\n')).toContain('The renderer has no Node access');
  });
  it('keeps the host on the broker seam: no electron/ib, other broker, simulator or @stoqey/ib', async () => {
    const rule = 'electron/host knows only the broker seam (electron/host/broker.ts)';
    for (const source of ['../ib', '../ib/session', '../webull', '../simulator/simulator', '../../ib/orders', '@stoqey/ib']) {
      const messages = await lintAs('electron/host/x.ts', `import { thing } from '${source}';\nexport const t = thing;\n`);
      expect(messages, source).toHaveLength(1);
      expect(messages[0], source).toContain(rule);
      expect(messages[0], source).toContain('Register broker implementations in electron/app-composition.ts.');
    }
    const typeOnly = await lintAs('electron/host/x.ts', "import type { IbSession } from '../ib';\nexport type S = IbSession;\n");
    expect(typeOnly.join('\n')).toContain(rule);
  });
  it('lets the host import its own files and shared/, and the composition root register the IB broker', async () => {
    expect(await lintAs('electron/host/x.ts', "import type { Broker } from './broker';\nimport type { Order } from '../../shared/model';\nexport type B = [Broker, Order];\n")).toEqual([]);
    expect(await lintAs('electron/app-composition.ts', "import { ibBroker } from './ib';\nexport const b = ibBroker;\n")).toEqual([]);
  });
});
