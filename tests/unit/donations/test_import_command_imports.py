"""``rc-donations import-statement --no-progress`` imports what it runs, not what it never shows: not
httpx's own command line (click's help renderer with rich and pygments) nor rich's progress bar, which
were a fifth of the command's start-up (~25 of ~105 ms of CPU)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest


class _Service(BaseHTTPRequestHandler):
    """The statement API's answer: every row created."""

    def do_POST(self) -> None:
        rows = json.loads(self.rfile.read(int(self.headers["Content-Length"])))["rows"]
        results = [
            {"index": i, "bank_reference": r["bank_reference"], "status": "created", "receipt_no": i + 1}
            for i, r in enumerate(rows)
        ]
        amount = sum(int(r["amount_vnd"]) for r in rows)
        body = json.dumps({"results": results, "created_amount_vnd": amount, "duplicate_amount_vnd": 0}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def api() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Service)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_import_command_without_progress_imports_neither_httpx_s_command_line_nor_a_progress_bar(
    api: str, tmp_path: Path
) -> None:
    statement = tmp_path / "s.csv"
    statement.write_text("bank_reference,received_on,amount_vnd\nFT1,2026-01-02,1000\nFT2,2026-01-02,2000\n")
    run = "from rc_donations.entrypoints.cli import app; app()"
    args = ["import-statement", str(uuid.uuid4()), str(statement), "--api", api, "--no-progress"]
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", run, *args], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "rows 2: created 2 (3000 VND)" in out.stdout
    loaded = {line.rsplit("|", 1)[1].strip() for line in out.stderr.splitlines() if line.startswith("import time:")}
    assert "httpx" in loaded and "rc_donations.entrypoints.importer" in loaded  # it did import and post
    unused = {"pygments", "rich.console", "rich.progress", "rich.syntax", "rich.table"}  # httpx._main's and the bar's
    assert sorted(loaded & unused) == []
