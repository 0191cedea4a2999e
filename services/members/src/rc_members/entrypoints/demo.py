"""Demo data set: the Bạc Liêu provincial Red Cross as in plan 41/KH-UBND (March 2023).

Everything is created through the public HTTP API (``POST /units/batch`` and
``POST /imports/members``), deterministically (seeded), and idempotently (fixed codes and member
codes): a re-run creates nothing new. As of 2023-03-31: 1 province, 7 district-level units, 68
grassroots units, 504 branches, 11,603 active members and 2,193 active volunteers (1,900 of them
members, 293 volunteers only), plus youth and collaborators among the members. The units start on
2015-01-01 (the tree before that is not part of the demo), and joined_on dates are spread between
2015-01-01 and 2023-03-30.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta
from typing import Any

import httpx
from rich.progress import Progress

from rc_shared.client import api_headers

AS_OF = date(2023, 3, 31)
VALID_FROM = date(2015, 1, 1)
MEMBERS = 11_603
VOLUNTEERS = 2_193
VOLUNTEERS_NOT_MEMBERS = 293
YOUTH = 850
COLLABORATORS = 320
GRASSROOTS = 68
BRANCHES = 504
PROVINCE = ("BL", "Hội Chữ thập đỏ tỉnh Bạc Liêu")
DISTRICTS = [
    ("BL-TPBL", "TP. Bạc Liêu"),
    ("BL-GR", "TX. Giá Rai"),
    ("BL-HD", "H. Hồng Dân"),
    ("BL-PL", "H. Phước Long"),
    ("BL-VL", "H. Vĩnh Lợi"),
    ("BL-HB", "H. Hòa Bình"),
    ("BL-DH", "H. Đông Hải"),
]
FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Hoàng",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Lâm",
    "Tô",
    "Quách",
    "Thạch",
]
MIDDLE_M = ["Văn", "Minh", "Hữu", "Đức", "Quốc", "Thanh", "Công", "Hoàng"]
MIDDLE_F = ["Thị", "Ngọc", "Thu", "Kim", "Thanh", "Mỹ", "Bích", "Hồng"]
GIVEN_M = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Hải",
    "Hiếu",
    "Hùng",
    "Khang",
    "Long",
    "Nam",
    "Phong",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Tuấn",
    "Thắng",
    "Toàn",
    "Vinh",
    "Khoa",
]
GIVEN_F = [
    "Anh",
    "Châu",
    "Giang",
    "Hà",
    "Hạnh",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Nhung",
    "Thảo",
    "Trang",
    "Uyên",
    "Vy",
    "Yến",
    "Diễm",
    "Hoa",
    "Ngân",
    "Tuyết",
]
WARDS = [
    "Phường 1",
    "Phường 2",
    "Phường 3",
    "Phường 5",
    "Phường 7",
    "Phường 8",
    "Nhà Mát",
    "Hiệp Thành",
    "Vĩnh Trạch",
    "Vĩnh Trạch Đông",
    "Láng Tròn",
    "Hộ Phòng",
    "Phong Thạnh",
    "Tân Phong",
    "Ninh Quới",
    "Ninh Thạnh Lợi",
    "Vĩnh Lộc",
    "Lộc Ninh",
    "Phước Long",
    "Vĩnh Phú Đông",
    "Phong Thạnh Tây",
    "Châu Hưng",
    "Hưng Hội",
    "Châu Thới",
    "Long Thạnh",
    "Hòa Bình",
    "Vĩnh Hậu",
    "Minh Diệu",
    "Vĩnh Mỹ A",
    "Gành Hào",
    "Định Thành",
    "Long Điền",
    "An Trạch",
    "Điền Hải",
]


def _split(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def demo_units() -> list[dict[str, Any]]:
    """The 580 units, parents before children, with fixed codes."""
    vf = VALID_FROM.isoformat()
    units: list[dict[str, Any]] = [{"code": PROVINCE[0], "name": PROVINCE[1], "level": "province", "valid_from": vf}]
    for code, name in DISTRICTS:
        units.append({"code": code, "name": name, "level": "district", "parent_code": PROVINCE[0], "valid_from": vf})
    grassroots: list[str] = []
    w = 0
    for (dcode, dname), n in zip(DISTRICTS, _split(GRASSROOTS, len(DISTRICTS)), strict=True):
        for k in range(1, n + 1):
            code = f"{dcode}-{k:02d}"
            ward = WARDS[w % len(WARDS)]
            w += 1
            units.append(
                {
                    "code": code,
                    "name": f"Cơ sở Hội {ward} ({dname}) số {k}",
                    "level": "grassroots",
                    "parent_code": dcode,
                    "valid_from": vf,
                }
            )
            grassroots.append(code)
    for gcode, n in zip(grassroots, _split(BRANCHES, GRASSROOTS), strict=True):
        for k in range(1, n + 1):
            units.append(
                {
                    "code": f"{gcode}-{k:02d}",
                    "name": f"Chi hội ấp {k} – {gcode}",
                    "level": "branch",
                    "parent_code": gcode,
                    "valid_from": vf,
                }
            )
    return units


def _day(rng: random.Random, lo: date, hi: date) -> date:
    return lo + timedelta(days=rng.randrange((hi - lo).days + 1))


def _years_before(d: date, n: int) -> date:
    try:
        return d.replace(year=d.year - n)
    except ValueError:  # 29 February
        return d.replace(year=d.year - n, day=28)


def _birth_for_age(rng: random.Random, on: date, lo: int, hi: int) -> date:
    """A birth date giving an age in [lo, hi] on ``on``."""
    return _day(rng, _years_before(on, hi + 1) + timedelta(days=1), _years_before(on, lo))


def demo_rows() -> list[dict[str, Any]]:
    """The member and volunteer rows (deterministic)."""
    rng = random.Random(41_2023)
    branches = [u["code"] for u in demo_units() if u["level"] == "branch"]
    last = AS_OF - timedelta(days=1)
    rows: list[dict[str, Any]] = []
    total = MEMBERS + VOLUNTEERS_NOT_MEMBERS
    # Which rows carry which roles (fixed by the seed): the first VOLUNTEERS_NOT_MEMBERS are not members.
    order = list(range(MEMBERS))
    rng.shuffle(order)
    volunteer_members = set(order[: VOLUNTEERS - VOLUNTEERS_NOT_MEMBERS])
    youth = set(order[VOLUNTEERS : VOLUNTEERS + YOUTH])
    collaborators = set(order[VOLUNTEERS + YOUTH : VOLUNTEERS + YOUTH + COLLABORATORS])
    seq: dict[str, int] = {}
    for i in range(total):
        member = i >= VOLUNTEERS_NOT_MEMBERS
        m = i - VOLUNTEERS_NOT_MEMBERS
        roles: list[str] = []
        if not member or m in volunteer_members:
            roles.append("volunteer")
        if member and m in youth:
            roles.append("youth")
        if member and m in collaborators:
            roles.append("collaborator")
        branch = branches[i % len(branches)]
        seq[branch] = seq.get(branch, 0) + 1
        joined = _day(rng, VALID_FROM, last)
        if "youth" in roles:
            birth = _birth_for_age(rng, joined, 18 if "volunteer" in roles else 16, 30)
        elif "volunteer" in roles:
            birth = _birth_for_age(rng, joined, 18, 60)
        else:
            birth = _birth_for_age(rng, joined, 16, 75)
        female = rng.random() < 0.55
        name = " ".join(
            (
                rng.choice(FAMILY),
                rng.choice(MIDDLE_F if female else MIDDLE_M),
                rng.choice(GIVEN_F if female else GIVEN_M),
            )
        )
        fee = rng.choices(["paid", "unpaid", "exempted"], weights=[80, 15, 5])[0]
        rows.append(
            {
                "member_code": f"{'TNV' if not member else 'HV'}{seq[branch]:04d}",
                "unit_code": branch,
                "full_name": name,
                "gender": "female" if female else "male",
                "birth_date": birth.isoformat(),
                "phone": "09" + "".join(str(rng.randrange(10)) for _ in range(8)),
                "id_number": "0" + "".join(str(rng.randrange(10)) for _ in range(11)),
                "joined_on": joined.isoformat(),
                "fee_status": fee if member else None,
                "fee_year": str(AS_OF.year) if member else None,
                "roles": ";".join(roles) or None,
                "consent_purpose": "Quản lý hội viên, tình nguyện viên (membership records)",
                "consent_given_on": joined.isoformat(),
                "membership": "yes" if member else "no",
            }
        )
    return rows


class DemoRefused(Exception):
    """The demo's units clash with units already on the platform (a code of its tree names another unit)."""


def load_demo(api_url: str, progress: bool = True) -> dict[str, Any]:
    """Create the demo data through the API at ``api_url``; return what was created and the totals. Loaded
    again, it creates nothing; over another organisation's tree whose codes it shares (a real "BL"), it creates
    nothing either: :class:`DemoRefused`, saying which unit clashes."""
    start = time.perf_counter()
    units = demo_units()
    rows = demo_rows()
    out: dict[str, Any] = {}
    with (
        httpx.Client(base_url=api_url, timeout=300, headers=api_headers()) as client,
        Progress(disable=not progress) as bar,
    ):
        t_units = bar.add_task("units", total=len(units))
        resp = client.post("/units/batch", json={"units": units})
        if resp.status_code == 409:
            raise DemoRefused(
                f"the demo data was not loaded: {resp.json().get('message', resp.text)}. The demo is the Bạc Liêu"
                " 2023 example, for a platform without units of its own (start yours with ./dev up --no-demo)"
            )
        resp.raise_for_status()
        body = resp.json()
        out["units_created"] = body["created"]
        out["units_unchanged"] = body["unchanged"]
        bar.update(t_units, completed=len(units))
        t_rows = bar.add_task("members and volunteers", total=len(rows))
        totals = {"created": 0, "unchanged": 0, "rejected": 0}
        rejected: list[dict[str, Any]] = []
        for k in range(0, len(rows), 2000):
            chunk = rows[k : k + 2000]
            r = client.post("/imports/members", json={"source": "demo", "first_row": k + 1, "rows": chunk})
            r.raise_for_status()
            res = r.json()
            for key in totals:
                totals[key] += res[key]
            rejected += [x for x in res["results"] if x["status"] == "rejected"]
            bar.update(t_rows, advance=len(chunk))
        province_id = client.get("/units", params={"level": "province", "as_of": AS_OF.isoformat()}).json()
        pid = next(u["id"] for u in province_id["items"] if u["code"] == PROVINCE[0])
        stats = client.get("/stats", params={"unit_id": pid, "as_of": AS_OF.isoformat()}).json()
    levels: dict[str, int] = {}
    for u in units:
        levels[u["level"]] = levels.get(u["level"], 0) + 1
    out.update(
        {
            "province_id": pid,
            "units": levels,
            "rows_created": totals["created"],
            "rows_unchanged": totals["unchanged"],
            "rows_rejected": totals["rejected"],
            "rejected": rejected[:20],
            "as_of": AS_OF.isoformat(),
            "members": stats.get("members", 0),
            "volunteers": stats.get("volunteer", 0),
            "youth": stats.get("youth", 0),
            "collaborators": stats.get("collaborator", 0),
            "seconds": round(time.perf_counter() - start, 1),
        }
    )
    return out
