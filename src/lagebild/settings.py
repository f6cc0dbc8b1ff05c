"""All user-tunable settings in one validated object, with documented defaults."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from .errors import SettingsError

DEFAULT_MAX_BYTES = 20_000_000


@dataclass(frozen=True)
class Settings:
    """Settings of one `analyze` run.

    max_bytes: inputs larger than this are rejected (default 20 MB).
    reuse_min_chars: shortest passage reported as reuse.
    progress: show a progress bar on stderr for multi-document runs.
    stages: names of document stages to run (None = all registered, in order).
    db: SQLite file or postgresql:// URL of a persistent corpus: documents it has are skipped, new
        ones added, and the dossier covers the whole corpus (None = no store, the dossier covers this
        run's inputs).
    ner_model: a spaCy pipeline (installed name or path) for named entities instead of the bundled
        model trained by training/ner/ (e.g. "de_core_news_lg").
    workers: processes for the per-document stages (cleaning, metadata, times, quantities, quotations,
        name mentions) and the partitions of the corpus stages with the local engine; None = the cores
        this process may use. The output is the same for any number.
    engine: where the per-document work and the partitions of reuse and claims run: "local" (this
        machine) or "ray" (Ray tasks; the rest of the corpus stages run in this process either way).
    address: the Ray cluster for engine "ray": None starts Ray on this machine, "auto" joins the
        cluster of this machine, "ray://host:10001" a remote one.
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    reuse_min_chars: int = 60
    progress: bool = False
    stages: tuple[str, ...] | None = None
    db: str | None = None
    ner_model: str | None = None
    workers: int | None = None
    engine: str = "local"
    address: str | None = None

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise SettingsError(f"max_bytes must be a positive number of bytes, not {self.max_bytes!r}")
        if self.reuse_min_chars < 10:
            raise SettingsError(f"reuse_min_chars must be at least 10, not {self.reuse_min_chars!r}")
        if self.workers is not None and self.workers < 1:
            raise SettingsError(f"workers must be 1 or more processes, not {self.workers!r}")
        if self.engine not in ("local", "ray"):
            raise SettingsError(f"engine must be 'local' or 'ray', not {self.engine!r}")

    @classmethod
    def from_kwargs(cls, **kwargs: Any) -> Settings:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(kwargs) - known)
        if unknown:
            raise SettingsError(f"unknown setting(s) {', '.join(unknown)}; known settings: {', '.join(sorted(known))}")
        return replace(cls(), **kwargs)
