# syntax=docker/dockerfile:1
# polydesk: install and generate, typecheck, then a slim runtime image.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts/prisma-generate.mjs scripts/
COPY prisma prisma
# npm ci runs `prisma generate` (postinstall) into src/generated.
RUN npm ci

FROM deps AS build
COPY tsconfig.json tsconfig.build.json ./
COPY src src
COPY bin bin
RUN npx tsc -p tsconfig.build.json --noEmit \
 && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=build /app/package.json /app/prisma.config.ts ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/prisma prisma
COPY --from=build /app/src src
COPY --from=build /app/bin bin
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Migrations run at start-up (Prisma's schema engine, WASM). tsx runs the TypeScript sources.
CMD ["node", "--import", "tsx", "src/main.ts"]
