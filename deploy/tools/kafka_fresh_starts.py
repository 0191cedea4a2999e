"""Start and stop the local KRaft broker N times, each from a fresh state directory.

Every start formats new storage with a newly drawn cluster id, so this exercises the format step
that failed one time in 64 when an id started with "-". It shares the repository's resolved jars
(``.local/kafka/lib``) and prints one line per start, then the counts.

    .venv/bin/python deploy/tools/kafka_fresh_starts.py [N]   # default 200
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile
import time
from pathlib import Path

from rc_local import kafka
from rc_local.stack import state_dir


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main(runs: int = 200) -> int:
    shared_lib = kafka.ensure_jars(state_dir())
    formatted = failed = dash_ids = 0
    began = time.monotonic()
    for run in range(1, runs + 1):
        root = Path(tempfile.mkdtemp(prefix="rc-kafka-fresh-"))
        try:
            # Reuse the resolved jars: a fresh state directory otherwise means a Maven resolution.
            lib = root / "kafka" / "lib"
            lib.parent.mkdir(parents=True)
            shutil.copytree(shared_lib, lib, copy_function=os.link)  # hard links: no copy of the jars
            t0 = time.monotonic()
            kafka.start(root, _free_port(), _free_port(), timeout=120)
            cid = (root / "kafka" / "cluster.id").read_text().strip()
            dash_ids += cid.startswith("-")
            formatted += 1
            print(f"{run:4d} formatted and answered in {time.monotonic() - t0:5.1f} s  cluster.id={cid}", flush=True)
        except Exception as exc:
            failed += 1
            print(f"{run:4d} FAILED: {exc}", flush=True)
        finally:
            kafka.stop(root)
            shutil.rmtree(root, ignore_errors=True)
    took = time.monotonic() - began
    print(
        f"{formatted}/{runs} fresh starts formatted and answered, {failed} failed, "
        f"{dash_ids} ids with a leading '-', {took:.0f} s"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200))
