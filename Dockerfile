# The API image. It talks to the Neo4j of docker-compose.yml through NEO4J_URI, so it needs no Java.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEO4J_URI=bolt://neo4j:7687 HOST=0.0.0.0 PORT=4000
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY src/server/playground ./src/server/playground
# NEO4J_URI is set, so setup skips the embedded Neo4j and only bundles the playground.
RUN npm ci --omit=dev
COPY . .
RUN node scripts/build-playground.mjs
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --retries=6 CMD node -e "fetch('http://127.0.0.1:4000/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--max-semi-space-size=16", "--import", "tsx", "src/main.ts"]
