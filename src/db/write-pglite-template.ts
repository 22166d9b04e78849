// The last step of `npm run build`: writes dist/pglite-template.tar.gz (see pglite-template.ts).
import { writeTemplate } from './pglite-template.js';

await writeTemplate();
