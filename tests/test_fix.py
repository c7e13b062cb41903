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


# ----- concurrent writers, owner, hard links (issue 14.6) ----------------------------------


def _holder(path, mode="a"):
    """A process that opens ``path`` for writing and keeps it open until its stdin closes."""
    import subprocess
    import sys

    code = f"import sys; f = open({str(path)!r}, {mode!r}); print('open', flush=True); sys.stdin.read()"
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline() == "open\n"
    return proc


@pytest.mark.parametrize("leases", [True, False], ids=["lease", "proc-scan"])
def test_file_held_open_by_a_writer_is_refused(tmp_path, engine, monkeypatch, leases):
    import qa.atomic

    if not leases:
        monkeypatch.setattr(qa.atomic, "fcntl", None)
    doc = tmp_path / "story.txt"
    doc.write_text(DAMAGED, encoding="utf-8")
    fix = plan(Target(doc, str(doc)), engine)
    holder = _holder(doc)
    try:
        with pytest.raises(ChangedOnDisk, match="open for writing by another process"):
            write(fix)
    finally:
        holder.communicate("")
    assert doc.read_text(encoding="utf-8") == DAMAGED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt"]


@pytest.mark.parametrize("when", ["before-the-rename", "at-the-rename"])
def test_writer_in_the_instant_of_the_rename_loses_nothing(tmp_path, engine, monkeypatch, when):
    """A writer that opens the file (by its old name) just as it is replaced: the fix is not
    applied, or the old file is put back, so the writer's bytes are in the file at the path."""
    import subprocess
    import sys
    import time
    from pathlib import Path

    import qa.atomic

    doc = tmp_path / "story.txt"
    doc.write_text(DAMAGED, encoding="utf-8")
    fix = plan(Target(doc, str(doc)), engine)
    writers = []

    def start_writer():
        code = f"open({str(doc)!r}, 'a').write('appended line\\n')"
        writers.append(subprocess.Popen([sys.executable, "-c", code]))
        for _ in range(400):  # until the writer waits on our lease (or, without one, has written)
            if writers[0].poll() is not None or "BREAKING" in Path("/proc/locks").read_text():
                break
            time.sleep(0.05)

    if when == "before-the-rename":
        link = qa.atomic._link_beside

        def hook(path):
            name = link(path)
            start_writer()
            return name

        monkeypatch.setattr(qa.atomic, "_link_beside", hook)
    else:
        replace = os.replace

        def hook(src, dst):
            if not writers:
                start_writer()
            return replace(src, dst)

        monkeypatch.setattr(os, "replace", hook)
    with pytest.raises(ChangedOnDisk):
        write(fix)
    writers[0].wait(timeout=60)
    assert doc.read_text(encoding="utf-8") == DAMAGED + "appended line\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt"]


def test_append_just_before_the_rename_without_leases_is_put_back(tmp_path, engine, monkeypatch):
    import qa.atomic

    monkeypatch.setattr(qa.atomic, "fcntl", None)
    doc = tmp_path / "story.txt"
    doc.write_text(DAMAGED, encoding="utf-8")
    fix = plan(Target(doc, str(doc)), engine)
    temp = qa.atomic._temp_beside

    def temp_then_append(*args, **kw):
        name = temp(*args, **kw)
        with open(doc, "a", encoding="utf-8") as f:
            f.write("appended line\n")
        return name

    monkeypatch.setattr(qa.atomic, "_temp_beside", temp_then_append)
    with pytest.raises(ChangedOnDisk):
        write(fix)
    assert doc.read_text(encoding="utf-8") == DAMAGED + "appended line\n"


def test_changed_size_or_time_alone_is_a_change(tmp_path, engine):
    doc = tmp_path / "story.txt"
    doc.write_text(DAMAGED, encoding="utf-8")
    fix = plan(Target(doc, str(doc)), engine)
    os.utime(doc, ns=(1, 1))  # same bytes, another time: someone saved it
    with pytest.raises(ChangedOnDisk):
        write(fix)


def test_hard_linked_file_is_refused_and_both_names_kept(tmp_path, engine):
    doc = tmp_path / "story.txt"
    doc.write_text(DAMAGED, encoding="utf-8")
    os.link(doc, tmp_path / "other-name.txt")
    fix = plan(Target(doc, str(doc)), engine)
    with pytest.raises(Exception, match="hard links"):
        write(fix)
    assert os.stat(doc).st_ino == os.stat(tmp_path / "other-name.txt").st_ino
    assert doc.read_text(encoding="utf-8") == DAMAGED


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give a file away")
def test_owner_and_group_are_kept(tmp_path, engine):
    doc = tmp_path / "story.txt"
    doc.write_text(DAMAGED, encoding="utf-8")
    os.chown(doc, 65534, 65534)
    os.chmod(doc, 0o640)
    write(plan(Target(doc, str(doc)), engine))
    st = os.stat(doc)
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (65534, 65534, 0o640)
    assert doc.read_text(encoding="utf-8") == FIXED


def test_no_line_lost_to_a_busy_appender(tmp_path, engine):
    """The reported loss: a writer appending line after line while qa fix runs again and
    again. Every fix either applies to exactly what it read or refuses; no line is lost."""
    import subprocess
    import sys

    doc = tmp_path / "story.txt"
    doc.write_text(DAMAGED, encoding="utf-8")
    code = (
        "import sys, time\n"
        "for i in range(300):\n"
        f"    with open({str(doc)!r}, 'a') as f: f.write(f'line {{i}} in the VRC\\n')\n"
        "    time.sleep(0.002)\n"
    )
    writer = subprocess.Popen([sys.executable, "-c", code])
    while writer.poll() is None:
        try:
            write(plan(Target(doc, str(doc)), engine))
        except ChangedOnDisk:
            pass
    text = doc.read_text(encoding="utf-8")
    assert [f"line {i} in the" in text for i in range(300)] == [True] * 300


PAGE = (
    "<html><body>\n"
    "<article><p>Trade with the VRC grew in May.</p></article>\n"
    "<aside><p>Related: the VRC &amp; you</p></aside></body></html>\n"
)


@pytest.mark.parametrize("scope, fixed", [(None, 1), ("article", 1), ("page", 2)])
def test_fix_reads_html_as_check_does(qa, tmp_path, scope, fixed):
    """qa fix ignored --html (and config html = "page"): it fixed the article body while
    check reported the whole page. It fixes exactly what check reports, and only there."""
    import json

    doc = tmp_path / "page.html"
    doc.write_text(PAGE, encoding="utf-8")
    flags = ["--html", scope] if scope else []
    check = qa("check", "--no-cache", "--format", "json", *PACK, *flags, "page.html", cwd=tmp_path)
    reported = [f for f in json.loads(check.out)["files"][0]["findings"] if f["fixable"]]
    assert len(reported) == fixed
    p = qa("fix", *PACK, *flags, "page.html", cwd=tmp_path)
    assert p.returncode == 0, p.err
    after = doc.read_text(encoding="utf-8")
    assert after.count("PRC") == fixed and after.replace("PRC", "VRC") == PAGE  # markup untouched


def test_fix_html_scope_from_config(qa, tmp_path):
    (tmp_path / ".qa.toml").write_text('html = "page"\n', encoding="utf-8")
    doc = tmp_path / "page.html"
    doc.write_text(PAGE, encoding="utf-8")
    assert qa("fix", *PACK, "page.html", cwd=tmp_path).returncode == 0
    assert doc.read_text(encoding="utf-8").count("PRC") == 2
