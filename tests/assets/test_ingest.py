"""assets.ingest: seed files are read and written in batches bounded by file count and bytes."""

from assets.ingest import BATCH_BYTES, BATCH_FILES, file_batches
from zhnews.ingest import SeedFile


def seed(name: str, size: int) -> SeedFile:
    return SeedFile(name, size, 0)


def test_file_batches_keep_order_and_cap_files():
    files = [seed(f"{i}.txt", 10) for i in range(BATCH_FILES * 2 + 5)]
    batches = file_batches(files)
    assert [len(b) for b in batches] == [BATCH_FILES, BATCH_FILES, 5]
    assert [f for b in batches for f in b] == files


def test_file_batches_cap_bytes_and_take_a_large_file_alone():
    half, big = BATCH_BYTES // 2, BATCH_BYTES * 2
    files = [seed("a.txt", half), seed("b.txt", half), seed("c.txt", 1), seed("big.txt", big)]
    assert [[f.source_path for f in b] for b in file_batches(files)] == [["a.txt", "b.txt"], ["c.txt"], ["big.txt"]]
    assert file_batches([]) == []
