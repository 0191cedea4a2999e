"""Each service image built from deploy/docker/Dockerfile starts, answers /health/ready (its
database and Kafka reachable) and runs as a non-root user, hardened as the compose file runs it."""

from __future__ import annotations

import asyncio
import shutil
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.containers.conftest import SERVICES
from tests.e2e.harness import auth_keys, free_port, service_env
from tests.infra import Endpoints, create_database_async, drop_database_async

pytestmark = pytest.mark.containers

IMAGE_USER = "10001:10001"
# The reporting service's own PDF renderer on a one-line page with its packaged font.
PDF_PROBE = (
    "from weasyprint import HTML; from rc_reporting.exports.pdf_out import FONT_DIR; "
    "print(HTML(string='<p>Báo cáo năm</p>', base_url=str(FONT_DIR)).write_pdf()[:5].decode())"
)


def exec_output(container: Any, cmd: list[str], attempts: int = 3) -> tuple[int, str]:
    """A command's exit code and output in the container. The daemon sometimes loses a short-lived
    exec's stdout (exit 0, nothing read: moby/moby#27289, docker/docker-py#2042): that case alone, a
    transport loss and not another answer, is asked again; any output, or a failure, is the answer."""
    for _ in range(attempts):
        result = container.exec_run(cmd)
        if result.exit_code != 0 or result.output:
            break
    return result.exit_code, result.output.decode()


async def _ready(url: str, container: Any, timeout: float = 180) -> httpx.Response:
    """GET ``url`` until it answers 200; fails at once with the logs if the container exits."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    async with httpx.AsyncClient(timeout=5) as client:
        while time.monotonic() < deadline:
            container.reload()
            if container.status not in {"created", "running"}:
                pytest.fail(f"container exited ({container.status}):\n{container.logs(tail=40).decode()}")
            try:
                r = await client.get(url)
            except httpx.TransportError as exc:
                last = repr(exc)
            else:
                if r.status_code == 200:
                    return r
                last = f"{r.status_code} {r.text}"
            await asyncio.sleep(0.5)
    pytest.fail(f"{url} not ready after {timeout}s ({last}):\n{container.logs(tail=40).decode()}")


@pytest.mark.parametrize("service", list(SERVICES))
async def test_service_image_is_ready_and_runs_as_non_root(
    service: str, infra: Endpoints, docker_client: Any, service_images: dict[str, str], tmp_path: Path
) -> None:
    image = docker_client.images.get(service_images[service])
    assert image.attrs["Config"]["User"] == IMAGE_USER
    # The public key, readable by the image's user (the test's key folder is private to root).
    public = tmp_path / "public.pem"
    shutil.copyfile(auth_keys()[1], public)
    public.chmod(0o644)
    dsn = await create_database_async(infra.admin_dsn, f"image_{service}")
    port = free_port()
    env = service_env(service, dsn, infra.kafka_bootstrap, f"img{uuid.uuid4().hex[:8]}")
    env |= {"RC_HTTP_HOST": "127.0.0.1", "RC_HTTP_PORT": str(port)}
    env["RC_AUTH_PUBLIC_KEY_FILE"] = "/etc/rc/auth/public.pem"
    # Host networking: the container reaches the tests' Kafka and PostgreSQL where the host does
    # (127.0.0.1), and its API listens on 127.0.0.1 only.
    container = docker_client.containers.run(
        image.id,
        detach=True,
        network_mode="host",
        environment=env,
        volumes={str(public): {"bind": "/etc/rc/auth/public.pem", "mode": "ro"}},
        read_only=True,
        tmpfs={"/tmp": ""},
        cap_drop=["ALL"],
        security_opt=["no-new-privileges:true"],
        labels={"org.redcross.platform.test": "service-image"},
    )
    try:
        ready = await _ready(f"http://127.0.0.1:{port}/health/ready", container)
        checks = ready.json()["checks"]
        assert checks["database"] == "ok" and checks["kafka"] == "ok", checks
        code, ids = exec_output(container, ["python", "-c", "import os; print(os.getuid(), os.getgid(), os.geteuid())"])
        assert code == 0, ids
        assert ids.split() == ["10001", "10001", "10001"]
        # every process of the container, the server included, runs as uid 10001
        top = container.top(ps_args="-o uid,pid,args")
        uids = {row[top["Titles"].index("UID")] for row in top["Processes"]}
        assert uids == {"10001"}, top
        if service == "reporting":
            # PDF exports work in the image (pango is there), as uid 10001 on a read-only root
            code, pdf = exec_output(container, ["python", "-c", PDF_PROBE])
            assert code == 0, pdf
            assert pdf.strip().splitlines()[-1] == "%PDF-"
    finally:
        container.remove(force=True)
        await drop_database_async(infra.admin_dsn, dsn)


async def test_console_image_serves_its_pages_and_runs_as_non_root(
    docker_client: Any, service_images: dict[str, str], tmp_path: Path
) -> None:
    """The console's image (no database, no topic): its pages, templates and vendored assets answer,
    hardened as compose runs it; ready whether or not the four services answer (here none does)."""
    image = docker_client.images.get(service_images["console"])
    assert image.attrs["Config"]["User"] == IMAGE_USER
    signer = tmp_path / "private.pem"  # the development login's key, readable by the image's user
    shutil.copyfile(auth_keys()[0], signer)
    signer.chmod(0o644)
    port = free_port()
    env = {"RC_HTTP_HOST": "127.0.0.1", "RC_HTTP_PORT": str(port), "RC_DEV_LOGIN_ENABLED": "true",
           "RC_DEV_LOGIN_PRIVATE_KEY_FILE": "/etc/rc/dev-login/private.pem"}  # fmt: skip
    env |= {f"RC_{s.upper()}_URL": "http://127.0.0.1:9" for s in SERVICES}  # nothing listens there
    container = docker_client.containers.run(
        image.id,
        detach=True,
        network_mode="host",
        environment=env,
        volumes={str(signer): {"bind": "/etc/rc/dev-login/private.pem", "mode": "ro"}},
        read_only=True,
        tmpfs={"/tmp": ""},
        cap_drop=["ALL"],
        security_opt=["no-new-privileges:true"],
        labels={"org.redcross.platform.test": "service-image"},
    )
    try:
        await _ready(f"http://127.0.0.1:{port}/health/live", container)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            ready = await client.get("/health/ready")
            # ready without the services (its pages say a service is down), which it reports
            assert ready.status_code == 200 and ready.json() == {
                "status": "degraded",
                "checks": dict.fromkeys(SERVICES, "unreachable"),
            }, ready.text
            login = await client.get("/login")  # the template renders; the unit list says members is down
            assert login.status_code == 422 and "Dịch vụ tạm thời không trả lời" in login.text
            assert (await client.get("/static/htmx.min.js")).status_code == 200
        top = container.top(ps_args="-o uid,pid,args")
        assert {row[top["Titles"].index("UID")] for row in top["Processes"]} == {"10001"}, top
    finally:
        container.remove(force=True)
