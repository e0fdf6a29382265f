"""Limits on what one import reads: file size, archive members, zip and gzip bombs.

The limits are lowered for the tests (they are module constants); what is checked is that a
file over a limit is refused whole, with a message naming it and the limit, and that the
other files of the same import are not affected.
"""

from __future__ import annotations

import gzip
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import Engine

from sellerops.ingest import documents, sources
from sellerops.ingest.service import import_paths
from tests.ingest.helpers import DATA, batches

BR = "BusinessReport_US_2026-11-26.csv"
MB = 1024 * 1024


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", MB)
    big = tmp_path / "BusinessReport_US_2026-11-25.csv"
    big.write_bytes(b"x" * (2 * MB))
    (outcome,) = import_paths(engine=engine, paths=[big])
    assert outcome.status == "failed"
    assert outcome.error == (
        "BusinessReport_US_2026-11-25.csv: is 2 MB, more than the 1 MB one import reads; "
        "download it in parts (shorter date ranges) and import those"
    )


def test_a_zip_bomb_member_is_refused_and_the_other_members_are_imported(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", MB)
    archive = _zip(
        tmp_path / "reports.zip",
        {"a_bomb.csv": b"0" * (20 * MB), BR: (DATA / BR).read_bytes()},
    )
    assert archive.stat().st_size < MB // 10  # 20 MB of zeros deflate to almost nothing
    report, bomb = import_paths(engine=engine, paths=[archive])  # members in name order
    assert report.status == "imported" and bomb.status == "failed"
    assert bomb.error == (
        "reports.zip!a_bomb.csv: expands to more than 1 MB; refused (too large, or a zip bomb)"
    )


def test_the_members_of_an_archive_share_one_inflated_size_budget(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", MB)
    monkeypatch.setattr(sources, "MAX_ARCHIVE_BYTES", 2 * MB)
    members = {f"part{i}.csv": b"1" * (MB * 3 // 4) for i in range(3)}
    outcomes = import_paths(engine=engine, paths=[_zip(tmp_path / "parts.zip", members)])
    assert outcomes[2].error == (
        "parts.zip!part2.csv: the archive's files together expand to more than 2 MB; "
        "refused (too large, or a zip bomb)"
    )
    assert all("expand" not in (o.error or "") for o in outcomes[:2])


def test_an_archive_with_too_many_members_is_refused_whole(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_MEMBERS", 3)
    archive = _zip(tmp_path / "many.zip", {f"f{i}.csv": b"a,b\n1,2\n" for i in range(5)})
    (outcome,) = import_paths(engine=engine, paths=[archive])
    assert outcome.status == "failed"
    assert outcome.error == (
        "many.zip: holds 5 files, more than the 3 one archive may hold; "
        "unpack it and import the folder, or import smaller archives"
    )


def test_an_archive_inside_an_archive_is_not_opened(engine: Engine, tmp_path: Path) -> None:
    inner = _zip(tmp_path / "inner.zip", {BR: (DATA / BR).read_bytes()}).read_bytes()
    archive = _zip(tmp_path / "outer.zip", {"inner.zip": inner})
    (outcome,) = import_paths(engine=engine, paths=[archive])
    assert outcome.error == (
        "outer.zip!inner.zip: is an archive inside an archive, which is not opened; unpack it first"
    )
    assert batches(engine) == []


def test_a_gzip_bomb_is_refused(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(documents, "MAX_INFLATED_BYTES", MB)
    bomb = tmp_path / "report.csv.gz"
    bomb.write_bytes(gzip.compress(b"0" * (20 * MB)))
    (outcome,) = import_paths(engine=engine, paths=[bomb])
    assert outcome.status == "failed"
    assert outcome.error == (
        "report.csv.gz: expands to more than 1 MB; refused (too large, or a bomb)"
    )


def test_archive_members_are_inflated_a_chunk_at_a_time_and_never_past_the_limit(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A bomb used to be inflated whole (read(limit + 1)) before being refused: 2.2 GB of
    # memory for a 1.1 GB member. Now a member declaring more than the limit is refused
    # unread, and the others are read in chunks that stop at the limit.
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", MB)
    monkeypatch.setattr(sources, "_CHUNK", 64 * 1024)
    asked: list[tuple[str, int, int]] = []
    real_read = zipfile.ZipExtFile.read

    def read(self: zipfile.ZipExtFile, n: int = -1) -> bytes:
        data = real_read(self, n)
        asked.append((self.name, n, len(data)))
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", read)
    archive = _zip(tmp_path / "reports.zip",
                   {"a_bomb.csv": b"0" * (20 * MB), BR: (DATA / BR).read_bytes()})  # fmt: skip

    report, bomb = import_paths(engine=engine, paths=[archive])

    assert (report.status, bomb.status) == ("imported", "failed")
    assert "expands to more than 1 MB" in (bomb.error or "")
    assert all(n != -1 and n <= 64 * 1024 for _, n, _ in asked)
    assert sum(got for name, _, got in asked if name == "a_bomb.csv") == 0
    assert sum(got for name, _, got in asked if name == BR) == len((DATA / BR).read_bytes())
