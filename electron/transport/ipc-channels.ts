// Electron IPC channel names, derived from the contract's maps in one place so
// the preload and main can never disagree on a spelling.
import { COMMAND_NAMES, EVENT_NAMES, type CommandName, type EventName } from '../../shared/ipc';

const COMMAND_PREFIX = 'janus:cmd:';
const EVENT_PREFIX = 'janus:evt:';

export type CommandChannel<C extends CommandName = CommandName> = `janus:cmd:${C}`;
export type EventChannel<E extends EventName = EventName> = `janus:evt:${E}`;

export function commandChannel<C extends CommandName>(command: C): CommandChannel<C> {
  return `${COMMAND_PREFIX}${command}` as CommandChannel<C>;
}

export function eventChannel<E extends EventName>(event: E): EventChannel<E> {
  return `${EVENT_PREFIX}${event}` as EventChannel<E>;
}

/** Every command channel main must handle, in COMMAND_NAMES order. */
export const COMMAND_CHANNELS: readonly CommandChannel[] = COMMAND_NAMES.map(commandChannel);

/** Every event channel main may send on, in EVENT_NAMES order. */
export const EVENT_CHANNELS: readonly EventChannel[] = EVENT_NAMES.map(eventChannel);

/** The command a channel carries, or null when the channel is not one of ours. */
export function commandOfChannel(channel: string): CommandName | null {
  if (!channel.startsWith(COMMAND_PREFIX)) return null;
  const name = channel.slice(COMMAND_PREFIX.length);
  return (COMMAND_NAMES as readonly string[]).includes(name) ? (name as CommandName) : null;
}
