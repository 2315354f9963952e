# The API image: compiled JavaScript, the built web bundles and the production dependencies only. It talks to the
# Neo4j of docker-compose.yml through NEO4J_URI, so it needs no Java. Node 24 is the active LTS; the tag is pinned
# (bump it on purpose). tests/deploy/dockerfile.test.ts replays these steps, since no registry is reachable there.

# Stage 1: every dependency (esbuild, React, GraphiQL, cytoscape are build-only) and `npm run build`.
FROM node:24.11.1-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: the postinstall would build before the sources are here; the build runs below.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
COPY web ./web
RUN node scripts/build.mjs

# Stage 2: what runs.
FROM node:24.11.1-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEO4J_URI=bolt://neo4j:7687 HOST=0.0.0.0 PORT=4000
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Read at run time: the SDL, the registered operations and playground tabs, the seeds and CSET's files (the
# default graph, for the init job).
COPY schema ./schema
COPY operations ./operations
COPY seeds ./seeds
COPY data ./data
USER node
EXPOSE 4000
# /readyz is 200 only when a client can be served: started, Neo4j reachable, and anonymous reads on or a key set.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=6 CMD ["node", "-e", "fetch('http://127.0.0.1:4000/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--max-semi-space-size=16", "dist/main.js"]
