// The sandboxed preload: exposes window.janus (JanusBridge) and nothing else.
// Bundled to one CJS file by scripts/build.mjs, because a sandboxed preload
// may require only 'electron' and a few built-ins, never relative files.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  COMMAND_NAMES,
  EVENT_NAMES,
  err,
  type CommandName,
  type CommandRequest,
  type CommandResult,
  type EventName,
  type EventPayload,
  type JanusBridge,
  type Result,
} from '../shared/ipc';
import { commandChannel, eventChannel } from './transport/ipc-channels';

const commands: ReadonlySet<string> = new Set(COMMAND_NAMES);
const events: ReadonlySet<string> = new Set(EVENT_NAMES);

const bridge: JanusBridge = {
  invoke<C extends CommandName>(command: C, request: CommandRequest<C>): Promise<Result<CommandResult<C>>> {
    if (typeof command !== 'string' || !commands.has(command)) {
      return Promise.resolve(err('unknown-command', `Unknown command "${String(command)}".`));
    }
    return (ipcRenderer.invoke(commandChannel(command), request) as Promise<Result<CommandResult<C>>>).catch(
      (error: unknown) =>
        // E.g. a request that cannot be cloned, or main refusing this frame.
        err('internal', `The ${command} command could not reach the app: ${error instanceof Error ? error.message : String(error)}`),
    );
  },
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    if (typeof event !== 'string' || !events.has(event)) throw new TypeError(`Unknown event "${String(event)}".`);
    if (typeof listener !== 'function') throw new TypeError('on() needs a listener function.');
    const channel = eventChannel(event);
    // The IPC event object is never forwarded: it would hand the page ipcRenderer via event.sender.
    const forward = (_event: IpcRendererEvent, payload: EventPayload<E>) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
};

contextBridge.exposeInMainWorld('janus', bridge);
