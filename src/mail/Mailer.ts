/** One email: a plain text part and an HTML part of the same content. */
export interface MailMessage {
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** The message's language (`Content-Language`), e.g. `ar`. */
  language: string;
}

/**
 * Sends email. The composition root builds one from `config.mail` (createSmtpMailer) or none
 * when SMTP is not configured; tests may pass their own.
 */
export interface Mailer {
  /** Resolves once the server accepted the message; throws otherwise (the job queue retries). */
  send(message: MailMessage): Promise<void>;
  close(): void;
}
