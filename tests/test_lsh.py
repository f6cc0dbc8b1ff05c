import numpy as np
import pytest

from lagebild.corpus import lsh
from lagebild.corpus.lsh import BandIndex, band_keys


def _keys(*values: int) -> np.ndarray:
    return band_keys(np.array(values, dtype=np.uint32))


def test_items_sharing_a_band_value_are_found_and_others_are_not():
    index = BandIndex()
    index.insert(0, _keys(1, 2, 3))
    index.insert(1, _keys(9, 2, 8))
    index.insert(2, _keys(7, 7, 7))
    assert index.query(_keys(5, 2, 6)) == {0, 1}
    assert index.query(_keys(1, 0, 0)) == {0}
    assert index.query(_keys(4, 5, 6)) == set()


def test_the_same_value_in_another_band_is_no_match():
    index = BandIndex()
    index.insert(0, _keys(1, 2, 3))
    assert index.query(_keys(3, 1, 2)) == set()


@pytest.mark.parametrize("merge_at", [1, 4, 1 << 18])
def test_results_do_not_depend_on_when_entries_are_merged(monkeypatch, merge_at):
    monkeypatch.setattr(lsh, "MERGE_AT", merge_at)
    rng = np.random.default_rng(0)
    rows = rng.integers(0, 40, size=(200, 9)).astype(np.uint32)
    index = BandIndex()
    for i, row in enumerate(rows):
        found = index.query(band_keys(row))
        expected = {j for j in range(i) if (rows[j] == row).any()}
        assert found == expected
        index.insert(i, band_keys(row))
    assert len(index) == 200 * 9


def test_band_keys_refuse_64_bit_values():
    with pytest.raises(ValueError, match="32-bit"):
        band_keys(np.array([1, 2], dtype=np.uint64))
