"""Page latency of the staff console with the demo data, open loop at a fixed rate (vegeta): ``./dev bench console``.

1. Starts the four services and the console as real processes on the shared broker and database, loads
   the demo dataset (the Bạc Liêu plan: 576 units, 11,603 members, 2,193 volunteers) through the members
   API, and creates a campaign for each district (launched, with a cash target) so the campaign pages
   have rows.
   The first campaign gets ``GIFTS`` cash gifts (its page, receipts and reversal form have rows), a
   bank-statement import and a member import are started through the console (their progress pages).
2. Signs in through the console's development login as the province's unit manager (the widest scope:
   the heaviest pages); times each page alone (30 requests one at a time: its own cost), then requests
   every console page the README lists (every GET screen: ``PAGES``), one page per step, at ``--rate``
   requests a second for ``--duration`` seconds whatever the answers' latency (open loop); ``--pages``
   runs some of them only.
3. Prints per page the success ratio, p50, p99 and max, against the goal (p99 ≤ 150 ms at 50/s), with
   the load average and the CPU each process spent per request (what a page costs, whatever else the
   shared machine runs: at 50/s a page needs 50 x that total per second of CPU); writes the figures
   as JSON to bench/results/console-<timestamp>.json.

    ./dev bench console --rate 50 --duration 10
    ./dev bench console --pages dashboard,campaign      # some pages only

Benchmark only: the machine is shared (the load average is printed); compare figures of one run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.load import Step, _target, attack, vegeta  # noqa: E402
from bench.pipeline import Stack, cpu_s, load_average, rss_mb, save_results, start_stack  # noqa: E402
from rc_shared import clock  # noqa: E402
from tests.e2e.harness import ServiceProcess, auth, auth_keys, post_once_units_known, service_env, token  # noqa: E402
from tests.infra import select_infrastructure  # noqa: E402

GOAL_P99_MS = 150.0
GIFTS = 60  # cash gifts recorded on the first campaign (more than its page shows at once)
# Every GET screen of the console (the README's table), by name: its path, from the ids the setup made.
PAGES = {
    "login": "/login",
    "dashboard": "/",
    "campaigns": "/campaigns",
    "campaign": "/campaigns/{campaign}",
    "campaign_new": "/campaigns/new",
    "gift_cash": "/campaigns/{campaign}/donations/new",
    "gift_in_kind": "/campaigns/{campaign}/donations/new/in-kind",
    "gift_blood": "/campaigns/{campaign}/donations/new/blood",
    "receipt": "/donations/{donation}/receipt",
    "reversal": "/donations/{donation}/reversal",
    "distribution_new": "/campaigns/{campaign}/distributions/new",
    "statement": "/campaigns/{campaign}/statement",
    "statement_progress": "/imports/{statement_job}",
    "members": "/members",
    "members_search": "/members?q=nguyen+van",
    "person": "/people/{person}",
    "person_erase": "/people/{person}/erase",
    "member_import": "/members/import",
    "member_import_result": "/members/import/{member_job}",
    "unit": "/units/{province}",
    "units": "/units/{province}?as_of={today}",  # the tree on a date (/units redirects a unit's user here)
    "reports": "/reports",
    "campaign_reports": "/reports/campaigns",
}
ALONE = 30  # requests of each page one at a time, before the load: the page's own cost
SERVICES = ("members", "campaigns", "donations", "reporting")


async def demo_campaigns(stack: Stack, province: str) -> list[str]:
    """A campaign organised by each district of the demo, launched, with a cash target."""
    today = clock.today()
    out = []
    async with httpx.AsyncClient(timeout=60, headers=auth()) as client:
        districts = (
            await client.get(f"{stack.url('members')}/units", params={"parent_id": province, "limit": 100})
        ).json()["items"]
        for i, d in enumerate(districts):
            r = await post_once_units_known(
                client,
                f"{stack.url('campaigns')}/campaigns",
                {
                    "code": f"TNA-{i}-{uuid.uuid4().hex[:4]}",
                    "name": f"Tết Nhân ái {d['name']}",
                    "campaign_type": "tet_nhan_ai",
                    "organising_unit_id": d["id"],
                    "receiving_from": (today - timedelta(days=3)).isoformat(),
                    "receiving_until": (today + timedelta(days=40)).isoformat(),
                    "targets": {"cash_vnd": 50_000_000 * (i + 1)},
                },
            )
            r.raise_for_status()
            cid = r.json()["id"]
            (await client.post(f"{stack.url('campaigns')}/campaigns/{cid}/launch", json={})).raise_for_status()
            out.append(cid)
    return out


async def gifts(stack: Stack, campaign: str, n: int) -> str:
    """``n`` cash gifts recorded on the campaign (once its ledger is open in donations); the first one's id."""
    url = f"{stack.url('donations')}/campaigns/{campaign}/donations"
    today = clock.today().isoformat()
    ids = []
    async with httpx.AsyncClient(timeout=60, headers=auth()) as client:
        for i in range(n):
            body = {"kind": "cash", "amount_vnd": 100_000 * (i + 1), "channel": "bank_transfer", "received_on": today,
                    "bank_reference": f"FT{i:06d}", "donor": {"type": "anonymous"}}  # fmt: skip
            for _ in range(600):  # the ledger opens when donations has read the launch from Kafka (404, 409 until)
                r = await client.post(url, json=body, headers={"Idempotency-Key": str(uuid.uuid4())})
                if r.status_code not in (404, 409):
                    break
                await asyncio.sleep(0.1)
            assert r.status_code == 201, r.text
            ids.append(str(r.json()["id"]))
    return ids[0]


async def first_person(stack: Stack) -> str:
    async with httpx.AsyncClient(timeout=30, headers=auth()) as client:
        r = await client.get(f"{stack.url('members')}/people", params={"limit": 1})
        r.raise_for_status()
        return str(r.json()["items"][0]["id"])


async def upload(console: str, cookie: str, form_path: str, name: str, content: bytes) -> str:
    """Sends a file through a console upload form (as its page does, with the session's CSRF token); the
    progress page it redirects to."""
    async with httpx.AsyncClient(base_url=console, headers={"Cookie": cookie}, timeout=60) as client:
        page = await client.get(form_path)
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert page.status_code == 200 and csrf is not None, page.text[:500]
        r = await client.post(form_path, data={"csrf": csrf.group(1)}, files={"file": (name, content, "text/csv")})
        assert r.status_code == 303, r.text[:500]
        return r.headers["location"].rsplit("/", 1)[-1]


async def sign_in(console: str, role: str, unit: str | None) -> str:
    """The console's session cookie after the development login (``name=value``)."""
    async with httpx.AsyncClient(base_url=console, timeout=30) as client:
        page = await client.get("/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert csrf is not None, page.text
        r = await client.post("/login", data={"csrf": csrf.group(1), "role": role, "unit_id": unit or "", "next": "/"})
        assert r.status_code == 303, r.text
        return f"rc_console_session={client.cookies['rc_console_session']}"


async def run(rate: int, duration: float, workdir: Path, only: list[str] | None = None) -> dict[str, Any]:
    infra = select_infrastructure()
    veg = vegeta()
    stack = start_stack(
        infra.admin_dsn,
        infra.kafka_bootstrap,
        workdir,
        extra_env={"RC_WRITE_RATE_PER_MINUTE": "100000000"},
        names=SERVICES,
    )
    console = ServiceProcess(
        "console",
        service_env("console", "", infra.kafka_bootstrap, stack.namespace)
        | {f"RC_{n.upper()}_URL": stack.url(n) for n in SERVICES}
        | {
            "RC_LOG_LEVEL": "WARNING",
            "RC_DEV_LOGIN_ENABLED": "true",
            "RC_DEV_LOGIN_PRIVATE_KEY_FILE": str(auth_keys()[0]),
            "RC_WRITE_RATE_PER_MINUTE": "100000000",
        },
        [],
        workdir / "console.log",
    )
    result: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "rate": rate,
        "goal_p99_ms": GOAL_P99_MS,
    }
    try:
        console.start()
        stack.procs["console"] = console
        os.environ["RC_API_TOKEN"] = token()
        from rc_members.entrypoints.demo import load_demo

        t0 = time.perf_counter()
        demo = await asyncio.to_thread(load_demo, stack.url("members"), False)
        province = demo["province_id"]
        campaigns = await demo_campaigns(stack, province)
        donation = await gifts(stack, campaigns[0], GIFTS)
        result["demo"] = {k: demo[k] for k in ("units", "members", "volunteers")} | {
            "campaigns": len(campaigns),
            "gifts": GIFTS,
            "seconds": round(time.perf_counter() - t0, 1),
        }
        cookie = await sign_in(console.url, "unit_manager", province)
        headers = {"Cookie": cookie}
        day = clock.today().strftime("%d/%m/%Y")
        statement = f"Mã giao dịch;Ngày;Số tiền;Người chuyển;Nội dung\nSK1;{day};500.000;NGUYEN VAN A;ung ho\n"
        ids = {
            "campaign": campaigns[0],
            "province": province,
            "today": clock.today().isoformat(),
            "donation": donation,
            "person": await first_person(stack),
            "statement_job": await upload(
                console.url, cookie, f"/campaigns/{campaigns[0]}/statement", "saoke.csv", statement.encode()
            ),
            # one row of a unit code nobody has: its result page, nothing imported
            "member_job": await upload(
                console.url, cookie, "/members/import", "hoi-vien.csv",
                "unit_code,full_name,birth_date\nKHONG-CO,Nguyễn Văn Thử,1990-01-01\n".encode(),
            ),
        }  # fmt: skip
        pages = {name: path.format(**ids) for name, path in PAGES.items() if only is None or name in only}
        result["alone"] = {}
        async with httpx.AsyncClient(base_url=console.url, headers=headers, timeout=30) as client:
            for name, path in pages.items():  # each page answers, then is timed alone (one request at a time)
                times = []
                for _ in range(ALONE):
                    t = time.perf_counter()
                    r = await client.get(path)
                    times.append((time.perf_counter() - t) * 1000)
                    assert r.status_code == 200, f"{name} {path}: {r.status_code} {r.text[:500]}"
                times.sort()
                result["alone"][name] = {"p50_ms": round(times[len(times) // 2], 1), "max_ms": round(times[-1], 1)}
        result["load_average_at_start"] = load_average()
        result["pages"] = []
        for name, path in pages.items():
            targets = workdir / f"{name}.jsonl"
            targets.write_text(_target("GET", console.url + path, {} if name == "login" else headers))
            before = {n: cpu_s(stack.pid(n)) for n in stack.procs}
            refused_before = await refusals(stack)
            res = await attack(veg, stack, Step(name, rate, targets), duration, workdir)
            refused_after = await refusals(stack)
            # who answered 503: the console itself, or a service behind it (its admission control)
            res["refused"] = {
                k: int(v - refused_before.get(k, 0)) for k, v in refused_after.items() if v > refused_before.get(k, 0)
            }
            res["path"] = path
            # CPU each process spent per request of the step: the page's cost, whatever else the machine runs
            res["cpu_ms_per_request"] = {
                n: round((cpu_s(stack.pid(n)) - before[n]) * 1000 / max(1, res["requests"]), 2) for n in stack.procs
            }
            result["pages"].append(res)
            print(_line(res), flush=True)
            await asyncio.sleep(1)
        result["rss_mb"] = {n: rss_mb(stack.pid(n)) for n in stack.procs}
    finally:
        stack.procs.pop("console", None)
        console.stop()
        stack.stop()
    return result


REFUSED = re.compile(r'^rc_http_refused_total\{[^}]*reason="(\w+)"[^}]*\} ([0-9.e+]+)$', re.MULTILINE)


async def refusals(stack: Stack) -> dict[str, float]:
    """Requests each process refused to protect itself so far (its /metrics), by reason: ``name:reason``."""
    out: dict[str, float] = {}
    async with httpx.AsyncClient(timeout=10) as client:
        for n in stack.procs:
            text = (await client.get(f"{stack.url(n)}/metrics")).text
            for reason, value in REFUSED.findall(text):
                out[f"{n}:{reason}"] = out.get(f"{n}:{reason}", 0) + float(value)
    return out


def _line(r: dict[str, Any]) -> str:
    verdict = "ok" if r["p99_ms"] <= GOAL_P99_MS and r["success"] == 1 else "OVER GOAL"
    return (
        f"{r['step']:<15} {r['rate']:>4}/s  success {r['success'] * 100:6.2f}%  p50 {r['p50_ms']:>7.1f} ms"
        f"  p99 {r['p99_ms']:>7.1f} ms  max {r['max_ms']:>7.1f} ms  {verdict}  status {r['status']}"
        f"  load {r['load_average']}\n{'':<15} CPU per request (ms): "
        + ", ".join(f"{n} {ms}" for n, ms in r["cpu_ms_per_request"].items())
        + f", total {sum(r['cpu_ms_per_request'].values()):.1f}; refused {r['refused'] or 'none'}"
    )


def summary(res: dict[str, Any]) -> str:
    d = res["demo"]
    return "\n".join(
        [
            f"demo: {d['members']} members, {d['volunteers']} volunteers, units {d['units']},"
            f" {d['campaigns']} campaigns ({d['seconds']} s to load)",
            "alone (one request at a time): " + ", ".join(f"{n} p50 {a['p50_ms']} ms" for n, a in res["alone"].items()),
            *(_line(p) for p in res["pages"]),
            f"goal: every page p99 ≤ {GOAL_P99_MS:.0f} ms at {res['rate']}/s; load average at start"
            f" {res['load_average_at_start']} ({res['machine']['cpus']} cores, shared: compare within a run)",
        ]
    )


def main(argv: list[str] | None = None) -> Path:
    parser = argparse.ArgumentParser(prog="./dev bench console", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=int, default=50, help="GETs a second of each page")
    parser.add_argument("--duration", type=float, default=10, help="seconds per page")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results", help="where the JSON goes")
    parser.add_argument("--pages", help=f"comma-separated pages to run (default: all of {', '.join(PAGES)})")
    args = parser.parse_args(argv)
    results: Path = args.results
    only = args.pages.split(",") if args.pages else None
    if only is not None and set(only) - set(PAGES):
        parser.error(f"unknown pages: {', '.join(sorted(set(only) - set(PAGES)))}")
    with tempfile.TemporaryDirectory() as tmp:
        res = asyncio.run(run(args.rate, args.duration, Path(tmp), only))
    path = save_results(res, "console", results)
    print(summary(res))
    print(f"written to {path}")
    return path


if __name__ == "__main__":
    main()
