# The blog as a Node.js server (docs/deploy.md, "Docker"): built in one stage, run from the
# standalone output alone in the next, as a user without privileges. Posts live in a volume:
#   docker build -t blog --build-arg SITE_URL=https://blog.example.com .
#   docker run -p 3000:3000 -v "$PWD/_posts:/data/posts" -e SITE_URL=https://blog.example.com blog
# Add -e REDIS_URL=redis://… and -e REVALIDATE_SECRET=… to run several instances (docs/deploy.md).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
ARG SITE_URL
ARG BASE_PATH
ENV NEXT_TELEMETRY_DISABLED=1 SITE_URL=${SITE_URL} BASE_PATH=${BASE_PATH}
RUN npm run build:server

FROM node:20-bookworm-slim AS run
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 POSTS_DIR=/data/posts
# Only the standalone server (server.js, its node_modules, static files, the search index);
# .next/ stays writable by the server's user: the cache and the search index live there.
COPY --from=build --chown=node:node /app/.next/standalone ./
RUN mkdir -p /data/posts && cp -r _posts/. /data/posts/ && rm -rf _posts && chown -R node:node /data/posts
VOLUME /data/posts
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz/').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM (docker stop) drains the requests in flight, then exits 0 (lib/shutdown.ts).
STOPSIGNAL SIGTERM
CMD ["node", "server.js"]
