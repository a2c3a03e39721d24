"""Bounded reads: /dev/zero, FIFOs, devices, huge files and the root folder are refused quickly."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import postcraft
from postcraft import io

from ._run import run_cli

TEMPLATE = """---
id: hello.en
lang: en
roles: [employee]
purpose: share_learning
title: Hello
description: Hello.
fields:
  - name: topic
    description: Topic.
    example: pricing
---
Hello {{ topic }}.
"""


def test_review_of_dev_zero_reads_a_bounded_amount_and_refuses(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "review", "/dev/zero")
    assert result.returncode == 2
    assert "not a regular file" in result.stderr and "Traceback" not in result.stderr


def test_review_of_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "draft.txt"
    os.mkfifo(fifo)
    result = run_cli(tmp_path, "review", str(fifo), timeout=20)
    assert result.returncode == 2 and "named pipe" in result.stderr


def test_a_draft_over_the_maximum_size_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (io.MAX_DRAFT_BYTES + 1))
    result = run_cli(tmp_path, "review", str(big))
    assert result.returncode == 2 and f"{io.MAX_DRAFT_BYTES:,} bytes" in result.stderr


def test_standard_input_is_read_only_up_to_the_maximum(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Endless:
        asked: list[int] = []

        def read(self, n: int = -1) -> bytes:
            self.asked.append(n)
            assert n >= 0, "an unbounded read of standard input"
            return b"a" * n

    fake = type("Stdin", (), {"buffer": Endless()})()
    monkeypatch.setattr("sys.stdin", fake)
    with pytest.raises(postcraft.InputError, match="larger than"):
        io.read_input("-")
    assert Endless.asked == [io.MAX_DRAFT_BYTES + 1]


def test_guidelines_from_dev_zero_are_refused_not_read(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Thanks for today, everyone.", "utf-8")
    result = run_cli(tmp_path, "check", str(draft), "--guidelines", "/dev/zero")
    assert result.returncode == 2
    assert "not a regular file" in result.stderr and "MemoryError" not in result.stderr


def test_a_template_that_is_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    os.mkfifo(folder / "x.en.j2")
    result = run_cli(tmp_path, "templates", "--folder", str(folder), timeout=20)
    assert result.returncode == 2 and "named pipe" in result.stderr


def test_a_template_linked_to_dev_zero_is_refused_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "x.en.j2").symlink_to("/dev/zero")
    result = run_cli(tmp_path, "templates", "--folder", str(folder))
    assert result.returncode == 2
    assert "x.en.j2" in result.stderr and "MemoryError" not in result.stderr


def test_the_root_folder_as_template_folder_is_refused_without_walking_it(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "templates", env={"POSTCRAFT_TEMPLATES": "/"}, timeout=20)
    assert result.returncode == 2
    assert "not read as a template folder" in result.stderr


def test_a_template_folder_still_works(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "hello.en.j2").write_text(TEMPLATE, "utf-8")
    assert postcraft.render("hello.en", folder=folder, topic="pricing").text == "Hello pricing."


def test_a_tone_model_from_dev_zero_is_refused(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("Thanks for today, everyone.", "utf-8")
    result = run_cli(tmp_path, "tone", str(draft), "--model", "/dev/zero", "--format", "json")
    assert result.returncode == 2 and "not a regular file" in result.stderr
    assert json.loads(json.dumps(result.stdout)) == ""  # nothing printed
