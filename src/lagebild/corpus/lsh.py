"""A MinHash LSH index with one hash value per band, stored in sorted numpy arrays.

datasketch's MinHashLSH keeps, for every inserted item, a bytes key and a set per band plus a list of
its keys for removal: about 2.7 kB per paragraph, 1.8 GB for the paragraphs of 100k articles. Here an
entry is 12 bytes (a 64-bit band key and a 32-bit item number). New entries go to a small dict; when it
fills up it is merged into the sorted arrays, so lookups stay a binary search and memory stays linear
and small. Items are never removed (the corpus only grows).
"""

from __future__ import annotations

import numpy as np

# Entries kept in the dict before a merge into the sorted arrays: large enough that merges are rare
# (a merge sorts all entries), small enough that the dict stays a few tens of MB.
MERGE_AT = 1 << 18


def band_keys(hashvalues: np.ndarray) -> np.ndarray:
    """One key per band (r = 1: a band is a single 32-bit MinHash value): the band's number in the high
    32 bits, its value in the low ones, so that equal values in different bands do not collide."""
    if hashvalues.dtype.itemsize > 4:
        raise ValueError("band keys need 32-bit MinHash values (datasketch's affine32 scheme)")
    bands = np.arange(len(hashvalues), dtype=np.uint64) << np.uint64(32)
    return bands | hashvalues.astype(np.uint64)


class BandIndex:
    """Items that share at least one band key with a query."""

    def __init__(self) -> None:
        self._keys = np.empty(0, dtype=np.uint64)
        self._items = np.empty(0, dtype=np.int32)
        self._recent: dict[int, list[int]] = {}
        self._recent_entries = 0

    def __len__(self) -> int:
        return len(self._keys) + self._recent_entries

    def insert(self, item: int, keys: np.ndarray) -> None:
        for k in keys.tolist():
            self._recent.setdefault(k, []).append(item)
        self._recent_entries += len(keys)
        if self._recent_entries >= MERGE_AT:
            self._merge()

    def query(self, keys: np.ndarray) -> set[int]:
        found: set[int] = set()
        if len(self._keys):
            lo = np.searchsorted(self._keys, keys, side="left")
            hi = np.searchsorted(self._keys, keys, side="right")
            for a, b in zip(lo.tolist(), hi.tolist(), strict=True):
                if a < b:
                    found.update(self._items[a:b].tolist())
        for k in keys.tolist():
            found.update(self._recent.get(k, ()))
        return found

    def _merge(self) -> None:
        new_keys = np.fromiter((k for k, items in self._recent.items() for _ in items), dtype=np.uint64,
                               count=self._recent_entries)
        new_items = np.fromiter((i for items in self._recent.values() for i in items), dtype=np.int32,
                                count=self._recent_entries)
        keys = np.concatenate([self._keys, new_keys])
        items = np.concatenate([self._items, new_items])
        order = np.argsort(keys, kind="stable")
        self._keys, self._items = keys[order], items[order]
        self._recent, self._recent_entries = {}, 0
