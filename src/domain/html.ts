// Message bodies as text and HTML. HTML from clients is sanitized before it is stored or
// served; when only one form is given the other is derived, so every dialect can show both.
import sanitize from 'sanitize-html';

const ALLOWED: sanitize.IOptions = {
  allowedTags: [...sanitize.defaults.allowedTags, 'img', 'span', 'font', 'u', 's', 'del', 'ins', 'sup', 'sub'],
  allowedAttributes: {
    a: ['href', 'name', 'target', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    '*': ['style', 'class', 'dir'],
    font: ['color', 'face', 'size'],
    td: ['colspan', 'rowspan', 'align', 'valign'],
    th: ['colspan', 'rowspan', 'align', 'valign'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'cid'],
  allowedSchemesByTag: { img: ['http', 'https', 'data', 'cid'] },
  allowProtocolRelative: false,
  allowedStyles: { '*': { color: [/^[#\w\s(),.%-]+$/], 'background-color': [/^[#\w\s(),.%-]+$/], 'text-align': [/^(left|right|center|justify)$/], 'font-weight': [/^\w+$/], 'font-style': [/^\w+$/], 'text-decoration': [/^[\w\s-]+$/] } },
};

/** Removes scripts, event handlers, dangerous URLs and unknown tags. */
export function sanitizeHtml(html: string): string {
  return sanitize(html, ALLOWED);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** Plain text as HTML: escaped, line breaks as <br>. */
export function textToHtml(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** HTML as plain text: block ends and <br> become line breaks, tags go, entities decode. */
export function htmlToText(html: string): string {
  const marked = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote|pre)\s*>/gi, '\n')
    .replace(/<(p|div|li|tr|h[1-6]|blockquote|pre)(\s[^>]*)?>/gi, (m, _t, _a, offset: number) => (offset > 0 ? '\n' : ''));
  const stripped = sanitize(marked, { allowedTags: [], allowedAttributes: {}, nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'head', 'title'] });
  return stripped
    .replace(/&(#\d+|#x[0-9a-f]+|\w+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export interface Body {
  text: string;
  html: string | null;
}

/**
 * Normalizes a body as a client sent it: HTML sanitized; text derived from HTML when only
 * HTML is given, HTML derived from text when only text is given.
 */
export function normalizeBody(input: { text?: string | null; html?: string | null }): Body {
  const html = input.html?.trim() ? sanitizeHtml(input.html) : null;
  const text = input.text ?? '';
  if (html !== null) return { text: text.trim() ? text : htmlToText(html), html };
  return { text, html: text.trim() ? textToHtml(text) : null };
}

/** The HTML to serve for a stored body: sanitized again (other writers may not have), or derived. */
export function renderHtml(text: string, html: string | null | undefined): string {
  return html?.trim() ? sanitizeHtml(html) : textToHtml(text);
}

/** One-line summary: whitespace collapsed, cut at `max` characters. */
export function summarize(text: string, max = 100): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}
