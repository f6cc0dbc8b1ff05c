"""MinHash LSH band keys with one hash value per band.

datasketch's MinHashLSH keeps, for every inserted item, a bytes key and a set per band plus a list of
its keys for removal: about 2.7 kB per paragraph, 1.8 GB for the paragraphs of 100k articles. Here a
paragraph is one 64-bit key per band (72 bytes for 9 bands), and a band's buckets are found by sorting
its keys (reuse.py `_band_buckets`), one band per partition.
"""

from __future__ import annotations

import numpy as np


def band_keys(hashvalues: np.ndarray) -> np.ndarray:
    """One key per band (r = 1: a band is a single 32-bit MinHash value): the band's number in the high
    32 bits, its value in the low ones, so that equal values in different bands do not collide."""
    if hashvalues.dtype.itemsize > 4:
        raise ValueError("band keys need 32-bit MinHash values (datasketch's affine32 scheme)")
    bands = np.arange(len(hashvalues), dtype=np.uint64) << np.uint64(32)
    return bands | hashvalues.astype(np.uint64)
