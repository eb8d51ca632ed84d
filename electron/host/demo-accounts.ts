// Settings accounts -> running sessions, with the embedded demo gateway
// standing in while no account is configured. Changes are serialised: a
// second settings update waits for the first one's demo start/stop so
// sessions never run twice.

import type { Settings } from '../../shared/model';
import type { SessionManager, SessionSpec } from './session-manager';

export interface DemoGateway {
  host: string;
  port: number;
  accountCode: string;
  stop(): Promise<void>;
}

export const DEMO_ACCOUNT_ID = 'demo';

export interface AccountReconciler {
  /** Make the sessions match these settings (starts or stops the demo as needed). */
  reconcile(settings: Settings): Promise<void>;
  /** No more reconciling; waits for the one under way. */
  halt(): Promise<void>;
  /** Stops the demo gateway if it runs. */
  stopDemo(): Promise<void>;
}

function demoSpec(gateway: DemoGateway): SessionSpec {
  return {
    id: DEMO_ACCOUNT_ID,
    name: 'Demo',
    broker: 'ib',
    host: gateway.host,
    port: gateway.port,
    clientId: 0,
    accountCode: gateway.accountCode,
    enabled: true,
    simulated: true,
  };
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createAccountReconciler(options: {
  sessions: Pick<SessionManager, 'reconcile'>;
  demo?: { start(): Promise<DemoGateway> };
  log(level: 'info' | 'warn' | 'error', text: string): void;
}): AccountReconciler {
  let demo: DemoGateway | null = null;
  let stopped = false;
  let reconciling: Promise<void> = Promise.resolve();

  const startDemo = async (): Promise<void> => {
    if (!options.demo) return;
    try {
      demo = await options.demo.start();
      options.log('info', `no account configured: started the simulated demo gateway on ${demo.host}:${demo.port} (account ${demo.accountCode})`);
    } catch (error) {
      options.log('error', `no account configured and the demo gateway would not start: ${message(error)}`);
    }
  };

  const step = async (settings: Settings): Promise<void> => {
    if (stopped) return;
    const specs: SessionSpec[] = settings.accounts.map((a) => ({ ...a, simulated: false }));
    if (specs.length === 0 && !demo) await startDemo();
    if (stopped) return;
    const retiring = specs.length > 0 ? demo : null;
    if (demo && !retiring) specs.push(demoSpec(demo));
    options.sessions.reconcile(specs);
    if (retiring) {
      demo = null;
      await retiring.stop().catch((error: unknown) => options.log('warn', `demo gateway stop failed: ${message(error)}`));
      options.log('info', 'accounts configured: stopped the demo gateway');
    }
  };

  return {
    reconcile(settings) {
      reconciling = reconciling.then(() => step(settings));
      return reconciling;
    },
    async halt() {
      stopped = true;
      await reconciling;
    },
    async stopDemo() {
      const gateway = demo;
      demo = null;
      if (gateway) await gateway.stop().catch((error: unknown) => options.log('warn', `demo gateway stop failed: ${message(error)}`));
    },
  };
}
