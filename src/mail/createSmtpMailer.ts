import type * as nodemailerModule from 'nodemailer';
import { loadOnFirstUse } from '../lib/loadOnFirstUse.js';

/** Loaded by the first email, not at start-up (most nodes never send one). */
const nodemailer = loadOnFirstUse<typeof nodemailerModule>('nodemailer');
import type { Mailer, MailMessage } from './Mailer.js';

export interface SmtpMailerOptions {
  /** smtp://user:pass@host:587 or smtps://user:pass@host:465 (config.mail.smtpUrl). */
  smtpUrl: string;
  /** config.mail.from */
  from: string;
  /** Bounds connecting, the greeting and each silence afterwards (config.mail.timeoutMs). */
  timeoutMs: number;
}

/**
 * A Mailer over SMTP with nodemailer: one connection per message (invitations are rare), STARTTLS
 * when the server offers it (`smtps://` for implicit TLS), bounded waits, and no access to local
 * files or URLs from message fields. Errors never carry the URL's password.
 *
 * @example const mailer = createSmtpMailer({ smtpUrl: 'smtp://u:p@mail.example.ma:587', from: 'news@example.ma', timeoutMs: 15_000 })
 */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer {
  const url = new URL(options.smtpUrl);
  // Defensive: nodemailer's messages do not quote the password, and must never be able to.
  const secrets = [url.password, safeDecode(url.password)].filter((s) => s.length >= 3);
  const transport = nodemailer().createTransport(
    {
      url: options.smtpUrl,
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs,
      disableFileAccess: true,
      disableUrlAccess: true,
      logger: false,
    },
    { from: options.from },
  );
  const redact = (text: string) => secrets.reduce((out, secret) => out.split(secret).join('***'), text);
  return {
    async send(message: MailMessage) {
      try {
        await transport.sendMail({
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          headers: { 'Content-Language': message.language, 'Auto-Submitted': 'auto-generated' },
        });
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        throw new Error(`SMTP: ${redact((error as Error).message)}${typeof code === 'string' ? ` (${code})` : ''}`);
      }
    },
    close() {
      transport.close();
    },
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
