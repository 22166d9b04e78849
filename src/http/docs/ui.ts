// Swagger UI pages and their static assets (from swagger-ui-dist, read from disk on demand).
// Loaded by the docs routes on first use only.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { DocTarget } from './documents.js';

const dist = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Scripts are files, not inline, so the docs CSP needs no 'unsafe-inline' for scripts.
const INIT = `window.addEventListener('load', function () {
  var el = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({
    url: el.getAttribute('data-url'),
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    displayRequestDuration: true,
    docExpansion: 'list',
    filter: true,
    persistAuthorization: false
  });
});
`;

const CSS = `body { margin: 0; font-family: sans-serif; }
.polydesk-nav { padding: 8px 20px; background: #1b1b1b; color: #fff; font-size: 14px; }
.polydesk-nav a { color: #9cf; margin-right: 14px; }
.polydesk-index { max-width: 760px; margin: 24px auto; padding: 0 20px; line-height: 1.5; }
.polydesk-index code { background: #f3f3f3; padding: 1px 4px; }
`;

const ASSETS: Record<string, { type: string; file?: string; text?: string }> = {
  'swagger-ui.css': { type: 'text/css; charset=utf-8', file: 'swagger-ui.css' },
  'swagger-ui-bundle.js': { type: 'application/javascript; charset=utf-8', file: 'swagger-ui-bundle.js' },
  'favicon-32x32.png': { type: 'image/png', file: 'favicon-32x32.png' },
  'init.js': { type: 'application/javascript; charset=utf-8', text: INIT },
  'polydesk.css': { type: 'text/css; charset=utf-8', text: CSS },
};

export async function openAsset(name: string): Promise<{ type: string; body: string | Readable } | null> {
  const a = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (!a) return null;
  if (a.text !== undefined) return { type: a.type, body: a.text };
  const file = path.join(dist, a.file!);
  await stat(file); // fail before the headers go out when the package is missing
  return { type: a.type, body: createReadStream(file) };
}

function shell(title: string, nav: DocTarget[], body: string, swaggerUi: boolean): string {
  const links = nav.map((t) => `<a href="/docs/${esc(t.name)}">${esc(t.name)}</a>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="icon" href="/docs/assets/favicon-32x32.png">
${swaggerUi ? '<link rel="stylesheet" href="/docs/assets/swagger-ui.css">\n' : ''}<link rel="stylesheet" href="/docs/assets/polydesk.css">
</head>
<body>
<nav class="polydesk-nav"><a href="/docs">polydesk APIs</a>${links}</nav>
${body}
</body>
</html>
`;
}

export function indexPage(targets: DocTarget[]): string {
  const items = targets
    .map((t) => {
      const schemes = Object.entries(t.security.schemes)
        .map(([k, s]) => `${esc(k)}: ${esc((s as { description?: string }).description ?? '')}`)
        .join('; ');
      return `<li><a href="/docs/${esc(t.name)}">${esc(t.title)}</a> — base <code>${esc(t.prefix || '/')}</code>, <a href="/docs/${esc(t.name)}/openapi.json">OpenAPI</a><br><small>${schemes}</small></li>`;
    })
    .join('\n');
  return shell(
    'polydesk API docs',
    targets,
    `<main class="polydesk-index">
<h1>polydesk API docs</h1>
<p>One page per API. Each uses its vendor's credential: press <b>Authorize</b> on the page and enter your API token in the form shown.</p>
<ul>
${items}
</ul>
</main>`,
    false,
  );
}

export function documentPage(target: DocTarget, all: DocTarget[] = []): string {
  return shell(
    `${target.title} — polydesk`,
    all,
    `<div id="swagger-ui" data-url="/docs/${esc(target.name)}/openapi.json"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/init.js"></script>`,
    true,
  );
}
