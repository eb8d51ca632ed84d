// The transport-agnostic command path: name check, payload validation, handler
// call, and a Result for every outcome. Both transports (Electron IPC and the
// WebSocket server) go through it, so a payload refused over one is refused the
// same way over the other.
import {
  COMMAND_NAMES,
  err,
  type CommandContext,
  type CommandHandlers,
  type CommandName,
  type HostPort,
  type Result,
} from '../../shared/ipc';

/** Validates one command's payload: the value to hand to the handler, or why not. */
export type PayloadParser = (command: string, raw: unknown) => Result<unknown>;

export type Dispatcher = (command: string, raw: unknown, context: CommandContext) => Promise<Result<unknown>>;

/** Reports a handler that threw: the dispatcher answers `internal` and keeps serving. */
export type DispatchFaultLogger = (command: string, error: unknown) => void;

const KNOWN_COMMANDS: ReadonlySet<string> = new Set(COMMAND_NAMES);

export function isCommandName(name: string): name is CommandName {
  return KNOWN_COMMANDS.has(name);
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

type AnyHandler = (request: unknown, context: CommandContext) => Promise<Result<unknown>>;

export function createDispatcherWith(
  host: Pick<HostPort, 'handlers'>,
  parse: PayloadParser,
  onFault: DispatchFaultLogger = () => {},
): Dispatcher {
  return async (command, raw, context) => {
    if (typeof command !== 'string' || !isCommandName(command)) {
      return err('unknown-command', `Unknown command "${String(command)}".`);
    }
    let parsed: Result<unknown>;
    try {
      parsed = parse(command, raw);
    } catch (error) {
      onFault(command, error);
      return err('internal', `Could not check the ${command} request: ${describe(error)}`);
    }
    if (!parsed.ok) return parsed;
    // The schema for `command` produced parsed.value, so it has the handler's request type.
    const handler = (host.handlers as CommandHandlers)[command] as unknown as AnyHandler | undefined;
    if (typeof handler !== 'function') {
      return err('internal', `The ${command} command has no handler in this build.`);
    }
    try {
      const result = await handler(parsed.value, context);
      if (result === null || typeof result !== 'object' || typeof result.ok !== 'boolean') {
        onFault(command, new Error('handler answered something that is not a Result'));
        return err('internal', `The ${command} command answered an unreadable result.`);
      }
      return result;
    } catch (error) {
      onFault(command, error);
      return err('internal', `The ${command} command failed inside the app: ${describe(error)}`);
    }
  };
}
