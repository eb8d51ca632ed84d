// Where a Webull account's app secret lives: never in settings.json. The
// desktop app keeps secrets encrypted with Electron's safeStorage (main.ts),
// browser mode only in memory for the run. The host only stores and reads.

export interface SecretStore {
  get(accountId: string): string | null;
  set(accountId: string, secret: string): void;
  delete(accountId: string): void;
}

/** Browser mode (and tests): secrets for this run only. */
export class MemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>();

  get(accountId: string): string | null {
    return this.secrets.get(accountId.toLowerCase()) ?? null;
  }

  set(accountId: string, secret: string): void {
    this.secrets.set(accountId.toLowerCase(), secret);
  }

  delete(accountId: string): void {
    this.secrets.delete(accountId.toLowerCase());
  }
}
