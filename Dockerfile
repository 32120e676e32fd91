# Stegvis: web app + server in one slim image.
# Build: docker build -t stegvis .      Run: see docker-compose.yml

FROM node:20-bookworm-slim AS web
WORKDIR /src
COPY openapi.yaml ./
COPY frontend/package.json frontend/package-lock.json frontend/
RUN cd frontend && npm ci --no-audit --no-fund
COPY frontend frontend
RUN cd frontend && npm run build

FROM rust:1.95-bookworm AS server
RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cargo build --release --bin stegvis

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 ca-certificates curl tzdata \
    && rm -rf /var/lib/apt/lists/* && useradd --system --home /var/lib/stegvis stegvis \
    && mkdir -p /var/lib/stegvis && chown stegvis /var/lib/stegvis
COPY --from=server /src/target/release/stegvis /usr/local/bin/stegvis
COPY --from=web /src/frontend/dist /usr/share/stegvis/web
ENV STEGVIS_BIND=0.0.0.0:8080 \
    STEGVIS_DATA_DIR=/var/lib/stegvis \
    STEGVIS_FRONTEND_DIR=/usr/share/stegvis/web \
    TZ=Europe/Stockholm
USER stegvis
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD curl -fsS http://127.0.0.1:8080/readyz || exit 1
ENTRYPOINT ["/usr/local/bin/stegvis"]
