import type * as argon2Module from '@node-rs/argon2';
import { loadOnFirstUse } from '../../lib/loadOnFirstUse.js';

/** Loaded by the first login or password change, not at start-up (reading nodes never hash). */
const argon2 = loadOnFirstUse<typeof argon2Module>('@node-rs/argon2');

/** `Algorithm.Argon2id` of @node-rs/argon2 (a const enum, which `verbatimModuleSyntax` cannot import). */
const ARGON2ID = 2;

/** Hashes and checks passwords; injected so tests and the CLI share the one implementation. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password or a malformed hash; never throws for either. */
  verify(storedHash: string, password: string): Promise<boolean>;
  /** True when `storedHash` was made with other parameters (re-hashed at the next login). */
  needsRehash(storedHash: string): boolean;
  /** Spends the time of one check, for logins naming no known account (no timing oracle). */
  verifyDummy(password: string): Promise<void>;
}

export interface Argon2Parameters {
  /** KiB. */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/**
 * argon2id parameters: 19 MiB, 3 passes, 1 lane — OWASP's minimum memory with one more pass;
 * about 15 ms a check on this machine (docs/decisions/008-accounts-and-sessions.md).
 */
export const defaultArgon2Parameters: Argon2Parameters = Object.freeze({ memoryCost: 19_456, timeCost: 3, parallelism: 1 });

/** @example const passwords = createArgon2PasswordHasher(); await passwords.hash('كلمة سر طويلة') */
export function createArgon2PasswordHasher(parameters: Argon2Parameters = defaultArgon2Parameters): PasswordHasher {
  const options = { algorithm: ARGON2ID, ...parameters };
  const prefix = `$argon2id$v=19$m=${parameters.memoryCost},t=${parameters.timeCost},p=${parameters.parallelism}$`;
  let dummy: Promise<string> | undefined;
  return {
    hash: (password) => argon2().hash(password, options),
    async verify(storedHash, password) {
      try {
        return await argon2().verify(storedHash, password);
      } catch {
        return false;
      }
    },
    needsRehash: (storedHash) => !storedHash.startsWith(prefix),
    async verifyDummy(password) {
      dummy ??= argon2().hash('khabar-dummy-password', options);
      await argon2().verify(await dummy, password).catch(() => false);
    },
  };
}
