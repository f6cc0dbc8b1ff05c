"""A table's new contents written as the rows that changed (issue 19: a run that adds k documents to a
store of N should not write N documents' worth of rows again). The old rows are read and compared by
hash, never held as a whole; how rows are matched depends on how the table is read:

- `by_key`: column `key` is unique (read by it, or ordered by a column of the row): a row whose key is new
  or whose values changed is written, one whose key is gone deleted.
- `by_group`: rows of one value of column `key` are written together and read together in the order they
  were written (an entity's mentions): a group whose rows changed is written again as a whole.
- `by_order`: rows are read in the order they were written across the table (`ORDER BY rowid`): the rows
  after the first one that changed are written again (a store that grows appends its new documents' rows).

Both back-ends: PostgreSQL's tables read `by_order` have a `rowid` column of their own (store/snapshot.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain, groupby
from typing import Any

from .base import Sql

Row = Sequence[Any]


def _insert(db: Sql, table: str, columns: Sequence[str], rows: Iterable[Row]) -> None:
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    db.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608 (fixed names)


def _select(table: str, columns: Sequence[str], extra: str = "") -> str:
    return f"SELECT {', '.join(chr(34) + c + chr(34) for c in columns)}{extra} FROM {table}"  # noqa: S608


def by_key(db: Sql, table: str, columns: Sequence[str], rows: Iterable[Row], key: int = 0) -> int:
    """Write `rows` (the table's whole new contents) as the rows that changed; the count written."""
    old = {row[key]: hash(tuple(row)) for row in db.execute(_select(table, columns))}
    changed: list[Row] = []
    for row in rows:
        was = old.pop(row[key], None)
        if was != hash(tuple(row)):
            if was is not None:
                old[row[key]] = 0  # deleted below, then written anew
            changed.append(row)
    db.executemany(f'DELETE FROM {table} WHERE "{columns[key]}" = ?', ((k,) for k in old))  # noqa: S608
    _insert(db, table, columns, changed)
    return len(changed)


def by_group(db: Sql, table: str, columns: Sequence[str], rows: Iterable[Row], key: int = 0,
             ordered: bool = True) -> int:
    """`by_key` for groups of rows (consecutive in `rows`) sharing column `key`; `ordered`: the rows of a
    group are read in the order they were written (else a group is compared as a set)."""
    def combined(h: int, row: Row) -> int:
        return hash((h, tuple(row))) if ordered else h + hash(tuple(row))

    old: dict[Any, int] = {}
    for row in db.execute(_select(table, columns) + (" ORDER BY rowid" if ordered else "")):
        old[row[key]] = combined(old.get(row[key], 0), row)
    gone: list[Any] = []
    pending: list[Row] = []
    for g, group in groupby(rows, key=lambda row: row[key]):
        members = list(group)
        h = 0
        for row in members:
            h = combined(h, row)
        was = old.pop(g, None)
        if was != h:
            if was is not None:
                gone.append(g)
            pending += members
    db.executemany(f'DELETE FROM {table} WHERE "{columns[key]}" = ?',  # noqa: S608 (fixed names)
                   ((g,) for g in chain(gone, old)))
    _insert(db, table, columns, pending)
    return len(pending)


def by_order(db: Sql, table: str, columns: Sequence[str], rows: Iterable[Row]) -> int:
    """Keep the old rows up to the first that differs from `rows`; write the rest of `rows` after them."""
    new = iter(rows)
    cursor = db.execute(_select(table, columns, ", rowid") + " ORDER BY rowid")
    cut, pending = None, None
    for old in cursor:
        row = next(new, None)
        if row is None or tuple(old[: len(columns)]) != tuple(row):
            cut, pending = old[len(columns)], row
            break
    cursor.close()
    if cut is not None:
        db.execute(f"DELETE FROM {table} WHERE rowid >= ?", (cut,))  # noqa: S608 (fixed names)
    rest = list(chain([pending] if pending is not None else [], new))
    _insert(db, table, columns, rest)
    return len(rest)
