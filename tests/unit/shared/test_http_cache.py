"""The in-process cache of rendered public answers: bounded in bytes, least recently used out first,
one render per missing key however many ask at once, a failed render not cached."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from rc_shared.http_cache import RenderedCache, etag, package_dir, source_digest


def _render(body: bytes, calls: list[bytes]) -> Callable[[], Awaitable[bytes]]:
    async def render() -> bytes:
        calls.append(body)
        await asyncio.sleep(0)
        return body

    return render


async def test_bounded_in_bytes_least_recently_used_evicted_first() -> None:
    cache, calls = RenderedCache(max_bytes=10), list[bytes]()
    assert await cache.get("a", _render(b"aaaa", calls)) == b"aaaa"
    await cache.get("b", _render(b"bbbb", calls))
    await cache.get("a", _render(b"----", calls))  # a hit: a is now the most recent
    await cache.get("c", _render(b"cccc", calls))  # 12 bytes > 10: b goes
    assert calls == [b"aaaa", b"bbbb", b"cccc"]
    assert (len(cache), cache.size) == (2, 8)
    assert await cache.get("b", _render(b"BBBB", calls)) == b"BBBB"
    assert await cache.get("c", _render(b"----", calls)) == b"cccc"
    too_big = await cache.get("d", _render(b"d" * 11, calls))
    assert too_big == b"d" * 11 and cache.size <= 10


async def test_concurrent_askers_share_one_render() -> None:
    cache, calls = RenderedCache(max_bytes=1000), list[bytes]()
    bodies = await asyncio.gather(*(cache.get("k", _render(b"page", calls)) for _ in range(20)))
    assert bodies == [b"page"] * 20 and calls == [b"page"]


async def test_a_failed_render_is_not_cached_and_waiters_render_for_themselves() -> None:
    cache, calls = RenderedCache(max_bytes=1000), list[bytes]()
    gate = asyncio.Event()

    async def failing() -> bytes:
        await gate.wait()
        raise RuntimeError("database gone")

    leader = asyncio.create_task(cache.get("k", failing))
    await asyncio.sleep(0)
    waiter = asyncio.create_task(cache.get("k", _render(b"page", calls)))
    await asyncio.sleep(0)
    gate.set()
    with pytest.raises(RuntimeError, match="database gone"):
        await leader
    assert await waiter == b"page" and len(cache) == 0


async def test_zero_bytes_keeps_nothing() -> None:
    cache, calls = RenderedCache(max_bytes=0), list[bytes]()
    await cache.get("k", _render(b"x", calls))
    await cache.get("k", _render(b"x", calls))
    assert calls == [b"x", b"x"] and len(cache) == 0


def test_etag_is_weak_and_names_kind_version_and_variant() -> None:
    t = etag("campaign.json", 7, "k|None")
    assert t.startswith('W/"') and t.endswith('"')
    assert len({t, etag("campaign.json", 8, "k|None"), etag("campaign.html", 7, "k|None"),
                etag("campaign.json", 7, "k|2025-01-01")}) == 4  # fmt: skip
    assert etag("campaign.json", 7, "k|None") == t


def test_the_build_in_a_tag_names_the_code_that_renders(tmp_path: Path) -> None:
    """The packages' version never changes (0.1.0), so the tag's build is a digest of their code and
    templates: a release that renders the same data otherwise is not answered 304 to the old tags (an
    integrator's finding: a field masked in 1.6.0 stayed visible behind 304s until midnight)."""
    pkg = tmp_path / "rc_x"
    (pkg / "templates").mkdir(parents=True)
    (pkg / "__init__.py").write_text("A = 1\n")
    (pkg / "templates" / "page.html").write_text("<p>{{ a }}</p>")
    first = source_digest(pkg)
    assert source_digest(pkg) == first  # the same code, the same build (every replica alike)
    (pkg / "__pycache__").mkdir()
    (pkg / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    (pkg / "notes.md").write_text("not served")
    assert source_digest(pkg) == first  # compiled files and other files do not count
    (pkg / "templates" / "page.html").write_text("<p>{{ a | mask }}</p>")
    changed = source_digest(pkg)
    assert changed != first  # a template changed
    (pkg / "templates" / "page.html").rename(pkg / "templates" / "other.html")
    assert source_digest(pkg) not in (first, changed)  # a file renamed
    assert package_dir("rc_shared").name == "rc_shared" and len(source_digest(package_dir("rc_shared"))) == 16
