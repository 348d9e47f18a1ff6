import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { waitFor } from './waitFor.js';

export const SMTP_USER = 'khabar';
/** With an `@` and a space, percent-encoded in the URL: the mailer must decode it. */
export const SMTP_PASS = 'p@ss word-سر';
export const smtpUrlFor = (port: number) => `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASS)}@127.0.0.1:${port}`;

export interface Inbox {
  port: number;
  mails: ParsedMail[];
  logins: string[];
  close(): Promise<void>;
}

/** An SMTP server on 127.0.0.1 (port 0: any free one) that wants the test's login and keeps what it receives, parsed. */
export async function startInbox(port = 0): Promise<Inbox> {
  const mails: ParsedMail[] = [];
  const logins: string[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username !== SMTP_USER || auth.password !== SMTP_PASS) return callback(new Error('Invalid username or password'));
      logins.push(auth.username);
      callback(null, { user: auth.username });
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    mails,
    logins,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Waits for the first email to `address` (a condition, not a sleep). */
export async function mailTo(inbox: Inbox, address: string): Promise<ParsedMail> {
  const sentTo = (m: ParsedMail) => m.to !== undefined && !Array.isArray(m.to) && m.to.value[0]?.address === address;
  await waitFor(() => inbox.mails.some(sentTo), 10_000, `an email to ${address}`);
  return inbox.mails.find(sentTo)!;
}

