/**
 * Short, stable identifiers. Highlights get `h-` + 8 base-32 characters (40 bits, no
 * look-alike letters); themes, insights and personas get slugs of their titles.
 */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

export const HIGHLIGHT_ID = /^h-[0-9a-hjkmnp-tv-z]{8}$/;
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A new random highlight id; `random` returns floats in [0, 1) (injectable for tests). */
export function newHighlightId(random: () => number = Math.random, taken?: { has(id: string): boolean }): string {
  for (;;) {
    let id = 'h-';
    for (let i = 0; i < 8; i++) id += ALPHABET[Math.floor(random() * 32)]!;
    if (!taken?.has(id)) return id;
  }
}

/** `Waiting is the worst part!` → `waiting-is-the-worst-part`. */
export function slugify(title: string, maxLength = 60): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = slug.length > maxLength ? slug.slice(0, maxLength).replace(/-[^-]*$/, '') : slug;
  return cut || 'untitled';
}
