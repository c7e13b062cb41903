"""``qa fix``: safe suggestions only, deterministic overlaps, --diff, atomic writes that keep
encoding, BOM, CRLF and permissions, and no write to a file that changed after it was read."""

from __future__ import annotations

import codecs
import os
import stat

import pytest
from reportcase import REPORTS

from qa.engine import Engine, RuleSet
from qa.finding import Finding, Severity
from qa.fix import ChangedOnDisk, apply, encode_like, plan, select_fixes, write
from qa.rulepack import load_rules
from qa.run import Target

PACK = ["--rules", str(REPORTS / "rules"), "--select", "TST"]
DAMAGED = "Trade with the VRC grew.\nClick here to subscribe now\n"
FIXED = "Trade with the PRC grew.\n now\n"


def finding(start, end, text, suggestion, rule="TST999", fixable=True):
    return Finding(start, end, rule, "t.t", "c", Severity.WARNING, "m", 1, start + 1, 1, end + 1, text, (suggestion,), fixable)


def test_overlapping_fixes_keep_the_earlier_one():
    raw = "abcdef"
    a = finding(1, 4, "bcd", "X", "TST002")
    b = finding(2, 5, "cde", "Y", "TST001")
    c = finding(4, 6, "ef", "Z")
    chosen = select_fixes([c, b, a], raw)
    assert chosen == [a, c]
    assert apply(raw, chosen) == "aXZ"


def test_unsafe_and_non_verbatim_findings_are_never_applied():
    raw = "the VRC said"
    unsafe = finding(4, 7, "VRC", "PRC", fixable=False)
    moved = finding(0, 3, "VRC", "PRC")  # the text at its offsets is not what was matched
    assert select_fixes([unsafe, moved], raw) == []


def test_two_insertions_at_one_point_apply_once():
    raw = "ab"
    first = finding(1, 1, "", "X", "TST001")
    second = finding(1, 1, "", "Y", "TST002")
    assert apply(raw, select_fixes([second, first], raw)) == "aXb"


@pytest.mark.parametrize(
    "bom,codec", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"), (b"", "utf-8")]
)
def test_encode_like_keeps_codec_and_bom(bom, codec):
    original = bom + "Trade with the VRC grew.\r\n".encode(codec)
    assert encode_like("Trade – PRC\r\n", original, "utf-8") == bom + "Trade – PRC\r\n".encode(codec)


def test_diff_shows_changes_and_writes_nothing(qa, tmp_path):
    doc = tmp_path / "story.txt"
    doc.write_text(DAMAGED, encoding="utf-8")
    before = doc.stat().st_mtime_ns
    proc = qa("fix", "--diff", *PACK, str(doc))
    assert proc.returncode == 1, proc.err
    assert f"--- a/{doc}" in proc.out and "-Trade with the VRC grew." in proc.out and "+Trade with the PRC grew." in proc.out
    assert "+ now" in proc.out
    assert "Would fix 2 findings in 1 file" in proc.err
    assert doc.read_text(encoding="utf-8") == DAMAGED and doc.stat().st_mtime_ns == before


def test_fix_writes_keeping_crlf_bom_and_permissions(qa, tmp_path):
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(DAMAGED.replace("\n", "\r\n").encode())
    os.chmod(crlf, 0o640)
    bom = tmp_path / "bom.txt"
    bom.write_bytes(codecs.BOM_UTF8 + DAMAGED.encode())
    proc = qa("fix", *PACK, str(tmp_path))
    assert proc.returncode == 0, proc.err
    assert "Fixed 4 findings in 2 files" in proc.err
    assert crlf.read_bytes() == FIXED.replace("\n", "\r\n").encode()
    assert stat.S_IMODE(crlf.stat().st_mode) == 0o640
    assert bom.read_bytes() == codecs.BOM_UTF8 + FIXED.encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bom.txt", "crlf.txt"]  # no temp files left
    # The unsafe TST003 ("subscribe now" -> "subscribe") was never applied; nothing left to fix.
    again = qa("fix", "--diff", *PACK, str(tmp_path))
    assert again.returncode == 0 and again.out == ""


def test_fix_through_a_symlink_keeps_the_link(qa, tmp_path):
    target = tmp_path / "real.txt"
    target.write_text(DAMAGED, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert qa("fix", *PACK, str(link)).returncode == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8") == FIXED


def test_stdin_gets_fixed_text_on_stdout(qa):
    proc = qa("fix", *PACK, "-", input="the VRC said\n")
    assert proc.returncode == 0 and proc.out == "the PRC said\n"


def test_missing_file_is_exit_2(qa, tmp_path):
    proc = qa("fix", *PACK, str(tmp_path / "nope.txt"))
    assert proc.returncode == 2 and "no such file" in proc.err


@pytest.fixture
def engine():
    return Engine(RuleSet(load_rules([REPORTS / "rules"])))


def test_file_changed_since_read_is_not_touched(tmp_path, engine):
    doc = tmp_path / "story.txt"
    doc.write_text(DAMAGED, encoding="utf-8")
    fix = plan(Target(doc, str(doc)), engine)
    assert fix.changed
    doc.write_text("An editor saved this meanwhile. VRC\n", encoding="utf-8")
    with pytest.raises(ChangedOnDisk):
        write(fix)
    assert doc.read_text(encoding="utf-8") == "An editor saved this meanwhile. VRC\n"


def test_write_is_atomic_when_replace_fails(tmp_path, engine, monkeypatch):
    doc = tmp_path / "story.txt"
    doc.write_text(DAMAGED, encoding="utf-8")
    fix = plan(Target(doc, str(doc)), engine)

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(Exception, match="cannot be written"):
        write(fix)
    assert doc.read_text(encoding="utf-8") == DAMAGED
    assert [p.name for p in tmp_path.iterdir()] == ["story.txt"]


# ----- fix applies exactly what check reports (issue 14.7) ---------------------------------


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("A.\nDEL\nB.\n", "A.\nB.\n"),
        ("A.\r\nDEL\r\nB.\r\n", "A.\r\nB.\r\n"),
        ("A.\rDEL\rB.\r", "A.\rB.\r"),
        ("DEL\nB.\n", "B.\n"),
        ("A.\nDEL", "A.\n"),
        ("A. DEL\nB.\n", "A. \nB.\n"),  # part of a line: the break stays
    ],
    ids=["lf", "crlf", "cr", "first-line", "last-line-no-break", "part-of-a-line"],
)
def test_deleting_a_whole_line_takes_its_break(raw, expected):
    start = raw.index("DEL")
    assert apply(raw, [finding(start, start + 3, "DEL", "")]) == expected


def test_crlf_span_that_took_the_cr_deletes_the_whole_line():
    raw = "A.\r\nDEL\r\nB.\r\n"
    assert apply(raw, [finding(4, 8, "DEL\r", "")]) == "A.\r\nB.\r\n"


def test_fix_applies_only_what_check_reports(qa, tmp_path):
    """Deleting the marker line made the next line the first one, and a second check found a
    'site name' there that check never reported: fix deleted it too, and left blank lines."""
    doc = tmp_path / "story.txt"
    body = "Ministers from both countries met in Vienna on Thursday to restart the stalled trade dialogue.\nA second round is planned.\n"
    doc.write_text("(TagsToTranslate)World News\nThe Daily Meridian\n" + body, encoding="utf-8")
    check = qa("check", "--no-cache", "--format", "json", "--select", "RES", "story.txt", cwd=tmp_path)
    import json

    reported = [f["rule"] for f in json.loads(check.out)["files"][0]["findings"]]
    assert reported == ["RES001"]
    p = qa("fix", "--select", "RES", "story.txt", cwd=tmp_path)
    assert p.returncode == 0, p.err
    assert doc.read_text(encoding="utf-8") == "The Daily Meridian\n" + body
    assert "Fixed 1 finding in 1 file" in p.err


def test_fix_reads_the_config_check_reads(qa, tmp_path):
    (tmp_path / ".qa.toml").write_text('ignore = ["FRN001"]\n', encoding="utf-8")
    doc = tmp_path / "story.txt"
    doc.write_text("Trade with the VRC grew.\n", encoding="utf-8")
    assert "FRN001" not in qa("check", "--no-cache", "story.txt", cwd=tmp_path).out
    p = qa("fix", "story.txt", cwd=tmp_path)
    assert p.returncode == 0, p.err
    assert doc.read_text(encoding="utf-8") == "Trade with the VRC grew.\n"
