"""Shared fixtures. The evaluation data lives in ../shared beside the repository (as in CI)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared, or a failure that says how to get it (set LAGEBILD_NO_SHARED=1 to skip these tests)."""
    if not (SHARED / "seeds").is_dir():
        if os.environ.get("LAGEBILD_NO_SHARED") == "1":
            pytest.skip("LAGEBILD_NO_SHARED=1: evaluation data not available")
        pytest.fail(f"evaluation data not found at {SHARED}; put the project's shared/ folder beside the repository")
    return SHARED


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    p = tmp_path / name
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p


@pytest.fixture(scope="session")
def workspace_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the examples, an English article and hostile texts (tests/workspace_corpus.py)."""
    from .workspace_corpus import build_store

    return build_store(tmp_path_factory.mktemp("workspace"))


def _required(what: str) -> None:
    """Skip a test whose service is missing, except in CI, where it must run."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing, and CI must run these tests (.ci/run installs it)")
    pytest.skip(f"{what} is missing (apt-get install -y postgresql / pip install -e '.[dev]'); CI runs these")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A PostgreSQL server of the distribution's packages in a temporary folder, on a unix socket only,
    for this test session; its URL (database `postgres`). Stopped afterwards."""
    from .pg_server import PostgresServer, find_bin

    bindir = find_bin()
    if bindir is None:
        _required("PostgreSQL (/usr/lib/postgresql/*/bin/initdb)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _required("psycopg")
    server = PostgresServer(bindir)
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A fresh, empty database on the session's server."""
    import uuid

    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    return postgres_server.replace("/postgres?", f"/{name}?")


@pytest.fixture(params=["sqlite", "postgres"])
def store_address(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty corpus store of each back-end: an SQLite file, a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "corpus.sqlite")
    return str(request.getfixturevalue("postgres_url"))


def kill_when(proc: subprocess.Popen[bytes], progress: Callable[[], int], at: int,
              unreadable: tuple[type[BaseException], ...], timeout: float = 300) -> int:
    """SIGKILL a running lagebild process once `progress()` (documents stored so far; 0 while it cannot
    be read: `unreadable`) reaches `at`; the count it had then."""
    killed_at = 0
    deadline = time.time() + timeout
    while time.time() < deadline and proc.poll() is None:
        try:
            killed_at = progress()
        except unreadable:
            killed_at = 0
        if killed_at >= at:
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.02)
    proc.wait()
    return killed_at

