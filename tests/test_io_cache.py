"""postcraft.io.cached_file: the one cache of files loaded until they change."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from postcraft import io


def _read(path: str | os.PathLike[str]) -> str:
    return Path(path).read_text("utf-8")


def test_a_changed_file_is_read_again_and_the_cache_is_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(io, "FILE_CACHE_SIZE", 3)
    io.clear_file_cache()
    files = [tmp_path / f"{i}.txt" for i in range(5)]
    for i, f in enumerate(files):
        f.write_text("x" * (i + 1), "utf-8")
        assert io.cached_file(f, _read) == "x" * (i + 1)
    assert len(io._FILES) == 3
    files[4].write_text("changed", "utf-8")
    assert io.cached_file(files[4], _read) == "changed"
    with pytest.raises(FileNotFoundError):
        io.cached_file(tmp_path / "missing.txt", _read)


def test_threads_share_one_cache(tmp_path: Path) -> None:
    f = tmp_path / "shared.txt"
    f.write_text("hello", "utf-8")
    io.clear_file_cache()
    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(io.cached_file(f, _read))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == ["hello"] * 8
    assert io.cached_file(f, _read) is io.cached_file(f, _read)
