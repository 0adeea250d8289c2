# syntax=docker/dockerfile:1
#
# Rapport production image.
#   docker build -t rapport .
#   docker run -p 3000:3000 -v rapport-data:/data --stop-timeout 20 \
#     -e SLACK_BOT_TOKEN=xoxb-… -e SLACK_SIGNING_SECRET=… rapport
# Setup steps: docs/slack-app-setup.md. Without any SLACK_ variable, the image runs the playground
# instead (docker run -p 3000:3000 rapport, then http://localhost:3000/).

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: all dependencies, src/ compiled to dist/src/ ---------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: no dependency needs an install script (PGlite is WebAssembly), and npm 11 on
# the dev machines does not run them either, so the image installs exactly what development does.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json tsconfig.web.json ./
COPY src ./src
RUN npm run build

# ---- deps: production dependencies only -------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

# ---- runtime -----------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime

# tini runs as PID 1 and starts node as its child. Node as PID 1 would get SIGTERM too (the kernel
# only drops signals PID 1 has no handler for, and main.ts installs SIGTERM/SIGINT handlers), but
# tini also forwards every other signal, reaps orphaned child processes, and keeps that true if the
# handlers change; baking it in means `docker run` needs no --init flag.
# Chromium prints the impact report's PDF (`/health report`, `npm run report -- --format pdf`), with
# DejaVu for its text and the charts'; without it the report is posted as HTML.
# `docker build --build-arg PDF_REPORTS=false .` leaves it out for an image about 300 MB smaller.
ARG PDF_REPORTS=true
# Debian's package versions are not pinned (hadolint DL3008): the base image's tag fixes the release,
# and pinned versions would stop building as soon as Debian replaces them with a security update.
# hadolint ignore=DL3008
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini fonts-dejavu-core \
  && if [ "$PDF_REPORTS" = "true" ]; then apt-get install -y --no-install-recommends chromium; fi \
  && rm -rf /var/lib/apt/lists/*
ENV CHROMIUM_PATH=/usr/bin/chromium

ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=3000

WORKDIR /app
# The app's files stay owned by root (the app cannot change its own code); only /data is writable.
# package.json must sit in /app: src/project-path.ts walks up from dist/src/ to the folder holding
# it to find migrations/.
COPY package.json package-lock.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY migrations ./migrations
COPY --from=build /app/dist/src ./dist/src
# The playground (started when no Slack variable is set): its page, its compiled scripts, and the
# manifest its commands and shortcuts come from.
COPY --from=build /app/dist/web ./dist/web
COPY src/playground/web/index.html src/playground/web/style.css ./src/playground/web/
COPY manifest.json playbooks.json ./

# The embedded Postgres (used when DATABASE_URL is unset) keeps its files here. Created before
# VOLUME so a new named volume starts out owned by node.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]

# The image's `node` user, by its number (1000 in the official Node.js images): Kubernetes checks
# runAsNonRoot only against a numeric user (deploy/k8s/deployment.yaml), and hadolint asks for one
# (DL3066).
USER 1000:1000
EXPOSE 3000

# /healthz answers once the app has started (database open, migrations applied, Slack reached).
# Slim images have no curl, so node asks; PORT is read at check time, so -e PORT=… still works.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# On SIGTERM the app finishes requests in flight and closes the database, allowing itself up to
# 15 s; Docker's default stop timeout is 10 s, hence --stop-timeout 20 (compose: stop_grace_period).
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/bin/tini", "--"]
# Not `npm start`: its prestart would compile TypeScript at runtime, which needs dev dependencies.
CMD ["node", "dist/src/main.js"]
