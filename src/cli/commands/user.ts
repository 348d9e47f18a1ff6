import type { Command } from 'commander';
import { loadConfig } from '../../config/loadConfig.js';
import { systemActor } from '../../domain/access.js';
import type { Role } from '../../domain/user.js';
import { AppError } from '../../errors/AppError.js';
import { createUser } from '../../operations/accounts/createUser.js';
import { createArgon2PasswordHasher } from '../../operations/accounts/passwordHasher.js';
import { openStore } from '../../store/openStore.js';

/**
 * `khabar user create --email … --name … --role … [--password-stdin]`: creates an account (the
 * first admin, typically) through the same operation the admin API uses, as the system actor.
 * The password comes from a prompt that does not echo, or from standard input.
 */
export function registerUserCommand(program: Command): void {
  const user = program.command('user').description('manage newsroom accounts');
  user
    .command('create')
    .description('create an account; the password is asked for (not echoed) or read from stdin with --password-stdin')
    .requiredOption('--email <email>', 'login email (unique, case-insensitive)')
    .requiredOption('--name <name>', 'display name, e.g. "سلمى بناني"')
    .requiredOption('--role <role>', 'admin, editor, author or contributor')
    .option('--password-stdin', 'read the password from standard input (one trailing newline is dropped)')
    .action(async (opts: { email: string; name: string; role: string; passwordStdin?: boolean }) => {
      const password = opts.passwordStdin ? await readStdin() : await askPasswordTwice();
      const config = loadConfig();
      const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        await store.migrate();
        const account = await createUser({ store, passwords: createArgon2PasswordHasher() }, systemActor('cli'), {
          email: opts.email,
          displayName: opts.name,
          role: opts.role as Role,
          password,
        });
        console.log(`user created: #${account.id} ${account.email} (${account.role})`);
      } finally {
        await store.close();
      }
    });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function askPasswordTwice(): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new AppError('INVALID_INPUT', 'no terminal to ask for the password: pipe it in with --password-stdin', { field: 'password' });
  }
  const first = await askHidden('Password: ');
  const second = await askHidden('Password again: ');
  if (first !== second) throw new AppError('INVALID_INPUT', 'the two passwords differ', { field: 'password' });
  return first;
}

/** Reads one line from the terminal without echoing it (raw mode; backspace and Ctrl-C work). */
function askHidden(question: string): Promise<string> {
  const { stdin, stderr } = process;
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new AppError('INVALID_INPUT', 'cancelled', { field: 'password' }));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    stderr.write(question);
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}
