# syntax=docker/dockerfile:1
# polydesk: packages, then generate and compile (build stage), then a runtime stage with
# production packages, the compiled JavaScript and the migrations only. Node 24 LTS.
#
# Layer order: package.json/package-lock.json alone decide the `npm ci` layers, so editing
# prisma/ or src/ rebuilds from the generate/compile steps without reinstalling packages.

FROM node:24-bookworm-slim AS deps
# A registry behind a TLS-inspecting proxy needs its CA (unset: no effect).
ARG NODE_EXTRA_CA_CERTS
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: no package needs one (see allowScripts), and the project's own
# postinstall (prisma generate) needs prisma/, which comes later on purpose.
RUN npm ci --ignore-scripts --no-audit --no-fund

FROM deps AS build
COPY prisma.config.ts tsconfig.json tsconfig.build.json ./
COPY scripts/prisma-generate.mjs scripts/
COPY prisma prisma
RUN npm run generate
COPY src src
RUN npm run build

FROM node:24-bookworm-slim AS prod-deps
ARG NODE_EXTRA_CA_CERTS
WORKDIR /app
COPY package.json package-lock.json ./
# --omit=optional too: the prisma CLI and typescript are optional peers of @prisma/client
# and would otherwise come along (130 MB).
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund && npm cache clean --force
# Keep only the query compiler the generated client loads.
COPY scripts/prune-prisma-runtime.mjs scripts/
COPY --from=build /app/dist/generated/prisma/internal/class.js /tmp/class.js
RUN node scripts/prune-prisma-runtime.mjs /tmp/class.js node_modules

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=prod-deps /app/node_modules node_modules
COPY package.json ./
# Owned by node: `npx polydesk` marks the bin executable; `polydesk` is on PATH as well.
COPY --chown=node:node bin bin
RUN ln -s /app/bin/polydesk.js /usr/local/bin/polydesk
# npx links /app as a package and runs its postinstall, which skips generation here.
COPY scripts/prisma-generate.mjs scripts/
# schema.prisma and migrations/: the server migrates itself at start-up.
COPY prisma prisma
COPY --from=build /app/dist dist
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# --max-semi-space-size=1: a 1 MB young generation (V8's default grows it to 16-32 MB, the
# largest part of the heap under load); --heap-growing-percent=40: the old generation may
# grow 40% past what survived the last full collection, so a request that keeps a large
# page alive does not bring a full collection every other time;
# --gc-memory-reducer-start-delay-ms=1000: once the server goes quiet, V8's memory reducer
# gives the load's garbage back after 1 s instead of 8 (under load it does not run).
# --optimize-for-size gave the same footprint by compacting at every full collection, at
# the cost of 15-20% more CPU per 1,000-ticket page (README, Performance). --liftoff-only:
# WebAssembly (PGlite, Prisma's query compiler) keeps its baseline code only, about 45-70 MB
# less resident memory (README, Memory footprint). On the command line: Node 24's V8 no
# longer takes flags set at run time. The same as `npm start` (test/core/start-command.test.ts).
CMD ["node", "--max-semi-space-size=1", "--liftoff-only", "--heap-growing-percent=40", "--gc-memory-reducer-start-delay-ms=1000", "dist/main.js"]
