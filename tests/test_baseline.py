"""Baselines end to end: accepted findings stay hidden across edits elsewhere; duplicates count."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES

ARGS = ("--select", "FRN001", "--grammar", "off", "--no-cache", "--format", "json")
SENTENCE = "Trade with the VRC grew by a fifth last year."


def _rules(proc) -> list[tuple[str, int]]:
    data = json.loads(proc.out)
    return [(x["rule"], x["line"]) for f in data["files"] for x in f["findings"]]


def _baseline(qa, tmp_path: Path, *paths: str):
    p = qa("baseline", *paths, "-o", "qa-baseline.json", "--select", "FRN001", cwd=tmp_path)
    assert p.returncode == 0, p.err
    return json.loads((tmp_path / "qa-baseline.json").read_text())


def test_baseline_hides_accepted_findings_and_survives_edits_above(qa, tmp_path):
    doc = tmp_path / "story.md"
    doc.write_text(f"# Talks\n\n{SENTENCE}\n")
    data = _baseline(qa, tmp_path, "story.md")
    assert data["schema"] == "mtqa-baseline/1"
    assert [(e["path"], e["rule"], e["text"], e["count"]) for e in data["entries"]] == [("story.md", "FRN001", "VRC", 1)]
    assert "line" not in data["entries"][0]

    p = qa("check", *ARGS, "--baseline", "qa-baseline.json", "story.md", cwd=tmp_path)
    assert p.returncode == 0 and _rules(p) == []

    doc.write_text(f"# Talks\n\nA new opening paragraph.\n\nAnd another one.\n\n{SENTENCE}\n")  # edit above
    p = qa("check", *ARGS, "--baseline", "qa-baseline.json", "story.md", cwd=tmp_path)
    assert p.returncode == 0 and _rules(p) == []

    doc.write_text(f"# Talks\n\nThe VRC said no.\n\n{SENTENCE}\n")  # a new finding elsewhere
    p = qa("check", *ARGS, "--baseline", "qa-baseline.json", "story.md", cwd=tmp_path)
    assert p.returncode == 1 and _rules(p) == [("FRN001", 3)]


def test_duplicates_are_counted(qa, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text(f"{SENTENCE}\n")
    _baseline(qa, tmp_path, "a.txt")
    doc.write_text(f"{SENTENCE}\n\n{SENTENCE}\n")  # the same finding twice, one baselined
    p = qa("check", *ARGS, "--baseline", "qa-baseline.json", "a.txt", cwd=tmp_path)
    assert len(_rules(p)) == 1

    data = _baseline(qa, tmp_path, "a.txt")  # both accepted: one entry, count 2
    assert [e["count"] for e in data["entries"]] == [2]
    p = qa("check", *ARGS, "--baseline", "qa-baseline.json", "a.txt", cwd=tmp_path)
    assert _rules(p) == []


def test_baseline_paths_are_relative_to_the_baseline_file(qa, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(f"{SENTENCE}\n")
    data = _baseline(qa, tmp_path, "docs")
    assert data["entries"][0]["path"] == "docs/a.txt"
    p = qa("check", *ARGS, "--baseline", "../qa-baseline.json", "a.txt", cwd=tmp_path / "docs")
    assert _rules(p) == []


def test_feed_items_and_a_bad_baseline(qa, tmp_path):
    feed = (FIXTURES / "markup" / "wire.rss").read_bytes()
    (tmp_path / "wire.rss").write_bytes(feed)
    data = _baseline(qa, tmp_path, "wire.rss")
    assert {e["path"] for e in data["entries"]} == {"wire.rss#item-2"}
    (tmp_path / "bad.json").write_text("{}")
    p = qa("check", *ARGS, "--baseline", "bad.json", "wire.rss", cwd=tmp_path)
    assert p.returncode == 2 and "bad.json: not a qa baseline" in p.err
    p = qa("check", *ARGS, "--baseline", "missing.json", "wire.rss", cwd=tmp_path)
    assert p.returncode == 2 and "no such baseline file" in p.err


PARAGRAPH = "Both sides said they were hopeful. The summit opened on the 26th (local time) in Busan."


@pytest.mark.parametrize(
    "edited",
    [
        "A new first paragraph.\n\n" + PARAGRAPH + "\n",  # above
        PARAGRAPH + "\nA sentence added on the next line.\n",  # below, next line (the reported case)
        PARAGRAPH + " A sentence added in the paragraph.\n",  # inside, after it on its line
        "Officials were upbeat. " + PARAGRAPH + "\n",  # inside, before it on its line
        PARAGRAPH.replace("in Busan", "in the port city of Busan") + "\n",  # the words right after it
        PARAGRAPH.replace("opened on", "began on") + "\n",  # the words right before it
    ],
    ids=["above", "below", "inside-after", "inside-before", "next-words-after", "next-words-before"],
)
def test_baseline_survives_edits_around_the_finding(qa, tmp_path, edited):
    """Appending a sentence made an old FRM002 finding 'new' (issue 14.8)."""
    args = ("--select", "FRM002", "--no-cache", "--format", "json")
    doc = tmp_path / "a.txt"
    doc.write_text(PARAGRAPH + "\n")
    p = qa("baseline", "a.txt", "-o", "qa-baseline.json", "--select", "FRM002", cwd=tmp_path)
    assert p.returncode == 0 and "Wrote 1 finding" in p.out, p.out + p.err
    doc.write_text(edited)
    p = qa("check", *args, "--baseline", "qa-baseline.json", "a.txt", cwd=tmp_path)
    assert _rules(p) == [], edited


def test_a_second_copy_of_a_baselined_finding_is_still_new(qa, tmp_path):
    args = ("--select", "FRM002", "--no-cache", "--format", "json")
    doc = tmp_path / "a.txt"
    doc.write_text(PARAGRAPH + "\n")
    qa("baseline", "a.txt", "-o", "qa-baseline.json", "--select", "FRM002", cwd=tmp_path)
    doc.write_text(PARAGRAPH.replace("in Busan", "in Seoul") + "\n\nTalks resumed on the 27th (local time) in Busan.\n")
    p = qa("check", *args, "--baseline", "qa-baseline.json", "a.txt", cwd=tmp_path)
    assert _rules(p) == [("FRM002", 3)]  # the unchanged side ('opened on the 26th') keeps the old one
