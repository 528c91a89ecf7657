"""The rendered-report cache: a hit returns what was put, the least recently used goes first."""

from __future__ import annotations

from reporting.application.render_cache import RenderCache


def test_a_kept_rendering_is_returned_and_the_oldest_goes_first() -> None:
    cache: RenderCache[str] = RenderCache(capacity=2)
    cache.put(("r", 1), "one")
    cache.put(("r", 2), "two")
    assert cache.get(("r", 1)) == "one"  # now the most recently used
    cache.put(("r", 3), "three")
    assert cache.get(("r", 2)) is None
    assert cache.get(("r", 1)) == "one" and cache.get(("r", 3)) == "three"
    assert len(cache) == 2
