import numpy as np
import pytest

from lagebild.corpus.lsh import band_keys


def _keys(*values: int) -> np.ndarray:
    return band_keys(np.array(values, dtype=np.uint32))


def test_equal_values_in_different_bands_give_different_keys():
    assert len(set(_keys(5, 5, 5).tolist())) == 3
    assert _keys(1, 2, 3)[1] == _keys(9, 2, 8)[1]


def test_band_keys_refuse_64_bit_values():
    with pytest.raises(ValueError, match="32-bit"):
        band_keys(np.array([1, 2], dtype=np.uint64))
