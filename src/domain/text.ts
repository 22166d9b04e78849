// Text PostgreSQL can store: no NUL (text columns), no unpaired UTF-16 surrogates (json columns).
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** For free text that arrives outside JSON (multipart fields): NULs dropped, lone surrogates replaced. */
export const storableText = (s: string): string => s.replace(/\u0000/g, '').replace(LONE_SURROGATES, '\ufffd');

/** For names (file names): every control character dropped as well. */
export const cleanText = (s: string): string => storableText(s).replace(/[\u0001-\u001f\u007f]/g, '');
