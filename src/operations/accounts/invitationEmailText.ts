import type { Role } from '../../domain/user.js';

/** The languages invitation emails are written in: Arabic is the source and the default. */
export type MailLanguage = 'ar' | 'fr' | 'en';

export interface InvitationEmailText {
  dir: 'rtl' | 'ltr';
  /** Dates are written in this locale when the site's locale is of another language. */
  locale: string;
  subject: string;
  greeting: string;
  invitedBy: string;
  invited: string;
  action: string;
  button: string;
  ignore: string;
  roles: Record<Role, string>;
}

/** `{name}` placeholders are filled (and escaped for HTML) by renderInvitationEmail. */
export const invitationEmailText: Record<MailLanguage, InvitationEmailText> = {
  ar: {
    dir: 'rtl',
    locale: 'ar-MA',
    subject: 'دعوة للانضمام إلى فريق {site}',
    greeting: 'مرحبًا {name}،',
    invitedBy: 'دعاك {inviter} إلى الانضمام إلى فريق {site} بدور «{role}».',
    invited: 'أنت مدعوّ إلى الانضمام إلى فريق {site} بدور «{role}».',
    action: 'لتفعيل حسابك واختيار كلمة المرور، افتح الرابط التالي. يُستعمل مرة واحدة، وهو صالح حتى {date}.',
    button: 'فعّل حسابك',
    ignore: 'إن لم تكن تنتظر هذه الدعوة فتجاهل هذه الرسالة: لا يُفعَّل الحساب إلا بهذا الرابط.',
    roles: { admin: 'مدير', editor: 'محرر', author: 'كاتب', contributor: 'مساهم' },
  },
  fr: {
    dir: 'ltr',
    locale: 'fr-MA',
    subject: 'Invitation à rejoindre l’équipe de {site}',
    greeting: 'Bonjour {name},',
    invitedBy: '{inviter} vous invite à rejoindre l’équipe de {site} en tant que {role}.',
    invited: 'Vous êtes invité à rejoindre l’équipe de {site} en tant que {role}.',
    action: 'Pour activer votre compte et choisir votre mot de passe, ouvrez le lien ci-dessous. Il ne sert qu’une fois et reste valable jusqu’au {date}.',
    button: 'Activer mon compte',
    ignore: 'Si vous n’attendiez pas cette invitation, ignorez ce message : le compte ne s’active qu’avec ce lien.',
    roles: { admin: 'administrateur', editor: 'éditeur', author: 'auteur', contributor: 'contributeur' },
  },
  en: {
    dir: 'ltr',
    locale: 'en-GB',
    subject: 'Invitation to join the {site} team',
    greeting: 'Hello {name},',
    invitedBy: '{inviter} invited you to join the {site} team as {role}.',
    invited: 'You are invited to join the {site} team as {role}.',
    action: 'To activate your account and choose your password, open the link below. It works once and is valid until {date}.',
    button: 'Activate my account',
    ignore: 'If you were not expecting this invitation, ignore this message: the account is only activated through this link.',
    roles: { admin: 'an admin', editor: 'an editor', author: 'an author', contributor: 'a contributor' },
  },
};

/** The email language of a site locale: French or English when the locale says so, Arabic otherwise. */
export function mailLanguageOf(locale: string): MailLanguage {
  const language = locale.toLowerCase().split('-')[0];
  return language === 'fr' || language === 'en' ? language : 'ar';
}
