// Serves the host over Electron IPC. No electron import here: main.ts passes
// the real ipcMain and webContents, which satisfy these structural types, and
// tests pass fakes. Every handler checks the sending frame (Electron security
// checklist item 17) before anything reaches the dispatcher.
import { COMMAND_NAMES, EVENT_NAMES, type EventName, type HostPort } from '../../shared/ipc';
import type { Dispatcher } from './dispatch';
import { commandChannel, eventChannel } from './ipc-channels';

/** The parts of Electron's IpcMainInvokeEvent we read. */
export interface IpcInvokeEventLike {
  sender: { id: number };
  /** null when the frame navigated away or was destroyed before the message arrived. */
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface WebContentsLike {
  readonly id: number;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export interface ElectronIpcDeps {
  ipcMain: IpcMainLike;
  host: Pick<HostPort, 'onEvent' | 'releaseClient'>;
  dispatch: Dispatcher;
  /** True when a frame at this URL is our renderer (see app-origin.ts). */
  isTrustedUrl(url: string): boolean;
  /** The renderers to deliver events to, read at each event (windows come and go). */
  targets(): Iterable<WebContentsLike>;
  log?(level: 'warn' | 'error', message: string): void;
}

export interface ElectronIpcServer {
  /** A renderer went away or reloaded: release what it held in the host. */
  releaseRenderer(webContentsId: number): void;
  /** Remove every handler and stop forwarding events. */
  close(): void;
}

/** The host-side client id of one renderer (one webContents). */
export function electronClientId(webContentsId: number): string {
  return `electron:${webContentsId}`;
}

/** Why a sender is refused, or null when it is our app's main frame. */
export function refuseSender(event: IpcInvokeEventLike, isTrustedUrl: (url: string) => boolean): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'the sending frame is gone';
  if (frame.parent !== null && frame.parent !== undefined) return `a sub-frame (${frame.url}) may not send commands`;
  if (!isTrustedUrl(frame.url)) return `the page ${frame.url} is not Janus Workstation`;
  return null;
}

export function serveOverElectronIpc(deps: ElectronIpcDeps): ElectronIpcServer {
  const log = deps.log ?? (() => {});

  for (const command of COMMAND_NAMES) {
    const channel = commandChannel(command);
    deps.ipcMain.handle(channel, (event, ...args) => {
      const refusal = refuseSender(event, deps.isTrustedUrl);
      if (refusal !== null) {
        log('warn', `IPC ${command} refused: ${refusal}.`);
        // A thrown error rejects the foreign caller's invoke and tells it nothing more.
        throw new Error(`Refused: ${refusal}.`);
      }
      return deps.dispatch(command, args[0], { clientId: electronClientId(event.sender.id) });
    });
  }

  const known: ReadonlySet<string> = new Set(EVENT_NAMES);
  const unsubscribe = deps.host.onEvent((event: EventName, payload) => {
    if (!known.has(event)) return;
    const channel = eventChannel(event);
    let targets: WebContentsLike[];
    try {
      targets = [...deps.targets()];
    } catch (error) {
      // This runs inside the host's emit: a fault here must not reach the host.
      log('error', `Could not list windows for ${event}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    for (const contents of targets) {
      if (contents.isDestroyed()) continue;
      try {
        contents.send(channel, payload);
      } catch (error) {
        // One window failing to take an event must not stop the others getting it.
        log('error', `Could not deliver ${event} to window ${contents.id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  });

  return {
    releaseRenderer(webContentsId) {
      deps.host.releaseClient(electronClientId(webContentsId));
    },
    close() {
      unsubscribe();
      for (const command of COMMAND_NAMES) deps.ipcMain.removeHandler(commandChannel(command));
    },
  };
}
