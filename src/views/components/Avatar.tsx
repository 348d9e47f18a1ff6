import type { AvatarView } from '../models.js';

/** A circle with the commenter's initials; decorative, so hidden from screen readers (the name follows). */
export function Avatar({ avatar }: { avatar: AvatarView }) {
  return (
    <span class={`avatar avatar-h${Math.round(avatar.hue / 30) % 12}`} aria-hidden="true">
      {avatar.initials}
    </span>
  );
}
