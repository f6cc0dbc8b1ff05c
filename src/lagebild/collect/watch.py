"""`watch`: fetch a list of feeds, sitemaps and pages every so often; `status`: what the store holds
and how the fetches went."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import SettingsError
from ..store import open_store
from ..store.fetchlog import FetchLog
from .collector import Collector, Tally

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(text: str) -> float:
    """'15m' -> 900.0; also s, h, d, and a bare number of seconds."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text)
    if not m or float(m.group(1)) <= 0:
        raise SettingsError(f"--every must be a duration like 30s, 15m or 2h, not {text!r}")
    return float(m.group(1)) * UNITS[m.group(2) or "s"]


def read_seeds(path: str | Path) -> list[str]:
    """One URL per line; blank lines and lines starting with # are skipped."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise SettingsError(f"cannot read the feeds file {path}: {exc.strerror or exc}") from exc
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def watch(collector: Collector, feeds_file: str | Path, every: float, rounds: int | None = None,
          report: Callable[[int, Tally], None] | None = None, sleep: Callable[[float], None] = time.sleep) -> int:
    """Run rounds until `rounds` are done (None: for ever). The feeds file is read again each round, so
    it can be edited while the watch runs. Returns the number of rounds run."""
    done = 0
    while rounds is None or done < rounds:
        started = time.monotonic()
        tally = collector.run(read_seeds(feeds_file))
        done += 1
        if report is not None:
            report(done, tally)
        if rounds is None or done < rounds:
            sleep(max(0.0, every - (time.monotonic() - started)))
    return done


def status(db: str, problems: int = 10) -> dict[str, Any]:
    store = open_store(db)
    try:
        log = FetchLog(store.sql)
        out = log.summary()
        out["documents"] = store.count()
        out["recent_problems"] = [
            {"url": a.url, "at": a.at, "status": a.status, "outcome": a.outcome, "reason": a.reason}
            for a in log.attempts(problems, problems_only=True)]
        return out
    finally:
        store.close()
