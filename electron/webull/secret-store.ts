// Where a Webull account's app secret lives. Never in settings.json: the
// desktop app keeps it encrypted with Electron's safeStorage (electron/main.ts),
// browser mode only in memory for the run.

export interface SecretStore {
  get(accountId: string): string | null;
  set(accountId: string, secret: string): void;
  delete(accountId: string): void;
  has(accountId: string): boolean;
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

  has(accountId: string): boolean {
    return this.secrets.has(accountId.toLowerCase());
  }
}
