"""Bad input through the CLI: every case gives a clean result or one clear line naming the file
and the problem, exit 2 where it is an error, never a traceback, and the good file beside it is
still checked and reported. Default checks (grammar included) unless a case says otherwise."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, qa_executable

GOOD = FIXTURES / "articles" / "damaged-summit.txt"  # a document with known findings
GOOD_RULE = "RES001"


@pytest.fixture
def work(tmp_path):
    shutil.copy(GOOD, tmp_path / "good.txt")
    return tmp_path


def run(qa, work, *args):
    """qa check (JSON report, no cache) on ``args`` plus the good file."""
    p = qa("check", "--format", "json", "--no-cache", *args, "good.txt", cwd=work)
    assert "Traceback" not in p.err, p.err
    assert all(line.startswith("qa: ") for line in p.err.splitlines()), p.err
    report = json.loads(p.out)
    good = [f for f in report["files"] if f["path"] == "good.txt"]
    assert good and GOOD_RULE in {x["rule"] for x in good[0]["findings"]}, "the good file was not checked"
    p.report = report
    return p


def assert_error(p, *words: str) -> None:
    """Exit 2 and exactly one stderr line, naming every word given (the file and the problem)."""
    assert p.returncode == 2, (p.returncode, p.err)
    lines = p.err.splitlines()
    assert len(lines) == 1, lines
    for w in words:
        assert w in lines[0], (w, lines[0])


def assert_clean(p) -> None:
    assert p.returncode in (0, 1) and p.err == "", p.err


def test_binary_file(qa, work):
    (work / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    assert_error(run(qa, work, "image.txt"), "image.txt", "binary")


def test_invalid_utf8(qa, work):
    (work / "latin1.txt").write_bytes("Le café est fermé.\n".encode("latin-1"))
    assert_error(run(qa, work, "latin1.txt"), "latin1.txt", "UTF-8")


def test_utf16_with_bom_is_checked_like_utf8(qa, work):
    (work / "wide.txt").write_bytes(GOOD.read_text(encoding="utf-8").encode("utf-16"))
    p = run(qa, work, "wide.txt")
    assert_clean(p)
    wide, good = p.report["files"]
    assert wide["path"] == "wide.txt" and wide["errors"] == []
    assert [(x["rule"], x["start"], x["end"]) for x in wide["findings"]] == [
        (x["rule"], x["start"], x["end"]) for x in good["findings"]
    ]


def test_empty_and_blank_files(qa, work):
    (work / "empty.txt").write_bytes(b"")
    (work / "blank.txt").write_text(" \n\n\t\n", encoding="utf-8")
    (work / "bom.txt").write_bytes(b"\xef\xbb\xbf")
    p = run(qa, work, "empty.txt", "blank.txt", "bom.txt")
    assert_clean(p)
    for f in p.report["files"][:3]:
        assert f["findings"] == [] and f["errors"] == [] and f["words"] == 0


def test_twenty_megabyte_file_is_checked(qa, work):
    """Issue 13: no size refusal below the reader's limit; the default checks are linear
    (bench/ measures 10 KB -> 20 MB; no time is asserted here)."""
    paragraph = GOOD.read_text(encoding="utf-8") + "\n"
    with open(work / "huge.txt", "w", encoding="utf-8") as fh:
        for _ in range(20 * 1024 * 1024 // len(paragraph) + 1):
            fh.write(paragraph)
    assert (work / "huge.txt").stat().st_size > 20 * 1024 * 1024
    # About a minute of one core; the generous timeout is for a machine shared with others.
    p = subprocess.run([*qa_executable(), "check", "--format", "json", "--no-cache", "--fail-on", "never", "huge.txt"],
                       capture_output=True, text=True, cwd=work, timeout=1800)
    assert p.returncode == 0 and p.stderr == "", p.stderr
    (huge,) = json.loads(p.stdout)["files"]
    assert huge["words"] > 3_000_000 and huge["errors"] == [] and huge["findings"]


def test_one_megabyte_single_line_is_checked(qa, work):
    (work / "line.txt").write_text("word " * 200_000, encoding="utf-8")
    p = run(qa, work, "line.txt")
    assert_clean(p)
    assert p.report["files"][0]["words"] == 200_000


def test_long_single_line_under_the_limit_is_checked(qa, work):
    sentence = "The ministers met in Vienna on Thursday and agreed to meet again in October, "
    (work / "line.txt").write_text(sentence * (40_000 // len(sentence)) + "end.", encoding="utf-8")
    p = run(qa, work, "line.txt")
    assert_clean(p)
    assert p.report["files"][0]["words"] > 5000


def test_deeply_nested_html(qa, work):
    depth = 20_000
    html = "<html><body>" + "<div>" * depth + "<p>Ministers met in Vienna.</p>" + "</div>" * depth + "</body></html>"
    (work / "nested.html").write_text(html, encoding="utf-8")
    (work / "unclosed.html").write_text("<div><span><b>" * depth + "Text left open.", encoding="utf-8")
    p = run(qa, work, "nested.html", "unclosed.html")
    if p.returncode == 2:
        assert all("nested.html" in line or "unclosed.html" in line for line in p.err.splitlines())
    else:
        assert_clean(p)


def test_feed_with_external_entity_is_not_resolved(qa, work):
    secret = work / "secret.txt"
    secret.write_text("TOPSECRETMARKER\n", encoding="utf-8")
    feed = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>
<rss version="2.0"><channel><title>News</title>
<item><title>Talks resume</title><description>Officials met. &xxe;</description></item>
</channel></rss>
"""
    (work / "feed.xml").write_text(feed, encoding="utf-8")
    p = qa("check", "--format", "json", "--no-cache", "--ext", ".xml,.txt", "feed.xml", "good.txt", cwd=work)
    assert "TOPSECRETMARKER" not in p.out + p.err
    assert "Traceback" not in p.err
    if p.returncode == 2:
        assert_error(p, "feed.xml")
    else:
        assert_clean(p)


def test_feed_with_entity_expansion_bomb(qa, work):
    lol = '<!ENTITY a "lollollollollollollollollollol">' + "".join(
        f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi")
    )
    (work / "bomb.xml").write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [{lol}]><rss><channel><item><description>&i;</description>'
        "</item></channel></rss>",
        encoding="utf-8",
    )
    p = run(qa, work, "bomb.xml")
    if p.returncode == 2:
        assert_error(p, "bomb.xml")
    else:
        assert_clean(p)
        assert "lollol" not in p.out


def test_directory_with_symlink_loop(qa, work):
    docs = work / "docs"
    (docs / "a").mkdir(parents=True)
    shutil.copy(GOOD, docs / "a" / "inner.txt")
    (docs / "a" / "loop").symlink_to(docs, target_is_directory=True)
    (docs / "self").symlink_to(docs / "self")  # a link to itself
    p = qa("check", "--format", "json", "--no-cache", "docs", "good.txt", cwd=work)
    assert "Traceback" not in p.err
    paths = [f["path"] for f in json.loads(p.out)["files"]]
    assert paths.count(str(Path("docs/a/inner.txt"))) == 1 and "good.txt" in paths
    assert p.returncode in (1, 2)
    assert all(line.startswith("qa: ") for line in p.err.splitlines())


def test_unreadable_file(qa, work):
    locked = work / "locked.txt"
    locked.write_text("Secret text.\n", encoding="utf-8")
    locked.chmod(0)
    try:
        try:
            locked.read_bytes()
            pytest.skip("running as root: permissions do not stop reading")
        except PermissionError:
            pass
        assert_error(run(qa, work, "locked.txt"), "locked.txt", "permission denied")
    finally:
        locked.chmod(0o644)


def test_missing_path(qa, work):
    assert_error(run(qa, work, "nowhere.txt"), "nowhere.txt", "no such file")


def test_broken_config(qa, work):
    if not (Path(__file__).resolve().parent.parent / "qa" / "config.py").exists():
        pytest.skip("no config support yet")
    (work / ".qa.toml").write_text("select = [\n", encoding="utf-8")
    p = qa("check", "--no-cache", "good.txt", cwd=work)
    assert p.returncode == 2 and "Traceback" not in p.err
    (line,) = p.err.splitlines()
    assert ".qa.toml" in line
    (work / ".qa.toml").write_text('no-such-key = "x"\n', encoding="utf-8")
    p = qa("check", "--no-cache", "good.txt", cwd=work)
    assert p.returncode == 2 and "Traceback" not in p.err
    (line,) = p.err.splitlines()
    assert ".qa.toml" in line and "no-such-key" in line


@pytest.mark.parametrize(
    "text, problem",
    [
        ("pack: x\nversion: 1\nrules: [\n", "YAML"),
        ("just a string\n", "mapping"),
        ("pack: x\nversion: 1\nrules:\n  - id: BAD1\n", "BAD1"),
        ("pack: x\nversion: 1\nrules:\n  - {id: ZZB001, name: a.b, kind: pattern, category: other,"
         " severity: warning, message: m, description: d, pattern: '(?<=x)y',"
         " examples: {bad: ['{{y}}'], good: ['z']}}\n", "ZZB001"),
    ],
)
def test_broken_rule_pack(qa, work, text, problem):
    (work / "broken.yaml").write_text(text, encoding="utf-8")
    assert_error(run(qa, work, "--rules", "broken.yaml"), "broken.yaml", problem)


def test_catastrophic_backtracking_pattern_finishes_and_reports(qa, work):
    (work / "pack.yaml").write_text(
        """pack: redos
version: 1
rules:
  - id: ZZR001
    name: test.redos
    kind: pattern
    category: other
    severity: warning
    message: "Run of a's."
    description: A pattern that backtracks catastrophically in a backtracking engine.
    pattern: '(a+)+$'
    examples:
      bad: ["{{aaaa}}"]
      good: ["aaab"]
""",
        encoding="utf-8",
    )
    (work / "attack.txt").write_text("a" * 5_000 + "!", encoding="utf-8")
    (work / "hit.txt").write_text("a" * 5_000, encoding="utf-8")
    p = run(qa, work, "--rules", "pack.yaml", "attack.txt", "hit.txt")
    assert_clean(p)
    rules = {f["path"]: {x["rule"] for x in f["findings"]} for f in p.report["files"]}
    assert "ZZR001" not in rules["attack.txt"] and "ZZR001" in rules["hit.txt"]


def test_standard_input_garbage(qa, work):
    p = qa("check", "--no-cache", "-", input=b"\x00\x01binary\xff garbage", cwd=work)
    assert "Traceback" not in p.err
    assert_error(p, "<stdin>")


def test_many_problems_at_once_each_one_line(qa, work):
    (work / "image.txt").write_bytes(b"\x00\x01\x02")
    (work / "latin1.txt").write_bytes(b"caf\xe9\n")
    p = run(qa, work, "image.txt", "latin1.txt", "nowhere.txt", "-j", "2")
    assert p.returncode == 2
    lines = p.err.splitlines()
    assert len(lines) == 3
    for name in ("image.txt", "latin1.txt", "nowhere.txt"):
        assert sum(name in line for line in lines) == 1
    assert os.listdir(work) == os.listdir(work)  # nothing written besides the inputs
    assert not (work / ".qa_cache").exists()


# ----- non-regular files: FIFOs, devices (issue 14.1) --------------------------------------


def test_fifo_in_a_directory_is_skipped_not_waited_on(qa, work):
    docs = work / "docs"
    docs.mkdir()
    os.mkfifo(docs / "pipe.txt")  # nobody ever writes: opening it for reading would block
    shutil.copy(GOOD, docs / "also-good.txt")
    p = run(qa, work, "docs")
    assert_clean(p)
    assert sorted(f["path"] for f in p.report["files"]) == ["docs/also-good.txt", "good.txt"]


def test_named_fifo_is_an_input_error(qa, work):
    os.mkfifo(work / "pipe.txt")
    assert_error(run(qa, work, "pipe.txt"), "pipe.txt", "FIFO", "not a regular file")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_named_device_is_an_input_error_not_read_forever(qa, work):
    assert_error(run(qa, work, "/dev/zero"), "/dev/zero", "device")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_symlink_to_a_device_in_a_directory_is_skipped(qa, work):
    docs = work / "docs"
    docs.mkdir()
    (docs / "zero.txt").symlink_to("/dev/zero")
    p = run(qa, work, "docs")
    assert_clean(p)
    assert [f["path"] for f in p.report["files"]] == ["good.txt"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_standard_input_is_cut_at_the_size_limit(qa, work):
    with open("/dev/zero", "rb") as zero:
        p = run_qa_stdin(zero, "check", "--no-cache", "-", cwd=work)
    assert p.returncode == 2
    assert b"<stdin>: is larger than" in p.stderr and b"Traceback" not in p.stderr


def run_qa_stdin(stream, *args, cwd):
    import subprocess

    from conftest import qa_executable

    return subprocess.run([*qa_executable(), *args], stdin=stream, capture_output=True, cwd=cwd, timeout=120)


def test_reader_refuses_a_fifo_even_when_named_directly(tmp_path):
    """The reader's own guard (a file swapped for a FIFO after the walk): no blocking open."""
    from qa.errors import InputError
    from qa.readers import read_bytes

    os.mkfifo(tmp_path / "p.txt")
    with pytest.raises(InputError, match="FIFO"):
        read_bytes(tmp_path / "p.txt", "p.txt")


def test_reader_bounds_a_read_whatever_the_size_says(tmp_path):
    import io

    from qa.errors import InputError
    from qa.readers import read_bounded

    with pytest.raises(InputError, match="larger than"):
        read_bounded(io.BytesIO(b"x" * 101), "s", limit=100)
    assert read_bounded(io.BytesIO(b"x" * 100), "s", limit=100) == b"x" * 100


def test_markdown_nested_past_the_parser_limit_is_still_checked(qa, work):
    """25 '>' hid '(TagsToTranslate)' from every rule: 0 findings, exit 0 (issue 14.9)."""
    (work / "deep.md").write_text("> " * 25 + "(TagsToTranslate)World News\n", encoding="utf-8")
    p = run(qa, work, "deep.md")
    assert_clean(p)
    (deep,) = [f for f in p.report["files"] if f["path"] == "deep.md"]
    assert [(x["rule"], x["line"], x["column"]) for x in deep["findings"] if x["rule"] == "RES001"] == [("RES001", 1, 51)]


def test_zero_width_characters_do_not_hide_text_and_are_reported(qa, work):
    """'V\\u200bRC' and '(TagsTo\\u200bTranslate)' evaded every rule (issue 14.10)."""
    (work / "zw.txt").write_text(
        "Trade with the V\u200bRC grew.\n(TagsTo\u200bTranslate)World News\nA family \U0001F468\u200d\U0001F469 photo.\n",
        encoding="utf-8",
    )
    p = run(qa, work, "zw.txt")
    assert_clean(p)
    (zw,) = [f for f in p.report["files"] if f["path"] == "zw.txt"]
    got = {(x["rule"], x["line"], x["column"], x["end_column"]) for x in zw["findings"]}
    assert ("FRN001", 1, 16, 20) in got  # 'V\u200bRC' in the file: 4 characters
    assert ("RES001", 2, 1, 29) in got
    assert ("QA002", 1, 17, 18) in got and ("QA002", 2, 8, 9) in got
    assert not any(x["rule"] == "QA002" and x["line"] == 3 for x in zw["findings"])  # an emoji join


def test_text_report_shows_invisible_characters(qa, work):
    """QA002's excerpt was blank on screen: the text report names every invisible character
    (an emoji's joiner stays as it is)."""
    (work / "zw.txt").write_text("Trade with the V\u200bRC grew.\nA family \U0001F468\u200d\U0001F469 photo in V\u2060RC.\n", encoding="utf-8")
    p = qa("check", "--no-cache", "--select", "QA002,FRN001", "zw.txt", cwd=work)
    assert "\n    <U+200B>  ->  (delete)\n" in p.out, p.out
    assert "\u200b" not in p.out and "\u2060" not in p.out
    assert "U+200D" not in p.out


def test_fix_deletes_zero_width_characters_and_nothing_else(qa, work):
    doc = work / "zw.txt"
    doc.write_text("Trade with the V\u200bRC grew.\n", encoding="utf-8")
    p = qa("fix", "--select", "QA002", "zw.txt", cwd=work)
    assert p.returncode == 0, p.err
    assert doc.read_text(encoding="utf-8") == "Trade with the VRC grew.\n"


# ----- failed writes (issue 14, item 13): one line naming the path and the reason, exit 2 -----


def main_in_process(monkeypatch, capsys, cwd, *argv):
    """Run the CLI in this process (so OS calls can be made to fail); (status, out, err)."""
    from qa.cli import main

    monkeypatch.chdir(cwd)
    monkeypatch.setattr("sys.argv", ["qa", *argv])
    with pytest.raises(SystemExit) as stop:
        main()
    captured = capsys.readouterr()
    return stop.value.code, captured.out, captured.err


def fail_os_call(monkeypatch, name, err, when=lambda *a: True):
    import errno as errnos

    real = getattr(os, name)

    def failing(*args, **kw):
        if when(*args):
            raise OSError(getattr(errnos, err), os.strerror(getattr(errnos, err)))
        return real(*args, **kw)

    monkeypatch.setattr(os, name, failing)


def assert_write_error(status, err, *words):
    assert status == 2, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("qa: error: "), lines
    assert "internal error" not in lines[0] and "Traceback" not in err
    for w in words:
        assert w in lines[0], (w, lines[0])


@pytest.mark.parametrize("command", [["check", "--no-cache", "-f", "json"], ["baseline"]])
def test_output_into_a_missing_directory(qa, work, command):
    p = qa(*command, "good.txt", "-o", "nowhere/report.json", cwd=work)
    assert_write_error(p.returncode, p.err, "nowhere/report.json", "does not exist")
    assert not (work / "nowhere").exists()


@pytest.mark.parametrize("command", [["check", "--no-cache", "-f", "json"], ["baseline"]])
def test_output_onto_a_directory(qa, work, command):
    (work / "out").mkdir()
    p = qa(*command, "good.txt", "-o", "out", cwd=work)
    assert_write_error(p.returncode, p.err, "out", "is a directory")
    assert (work / "out").is_dir() and not list((work / "out").iterdir())


def test_output_into_a_read_only_directory(monkeypatch, capsys, work):
    (work / "ro").mkdir()
    fail_os_call(monkeypatch, "open", "EROFS", lambda path, *a: str(path).startswith(str(work / "ro")))
    status, _, err = main_in_process(monkeypatch, capsys, work, "check", "--no-cache", "good.txt", "-o", "ro/r.json")
    assert_write_error(status, err, "ro/r.json", "read-only file system")
    assert list((work / "ro").iterdir()) == []


def test_output_on_a_full_disk(monkeypatch, capsys, work):
    (work / "report.json").write_text("old report\n")
    fail_os_call(monkeypatch, "fsync", "ENOSPC")
    status, _, err = main_in_process(monkeypatch, capsys, work, "check", "--no-cache", "-f", "json", "good.txt", "-o", "report.json")
    assert_write_error(status, err, "report.json", "no space left on device")
    assert (work / "report.json").read_text() == "old report\n"  # the old file is kept whole
    assert sorted(p.name for p in work.iterdir()) == ["good.txt", "report.json"]  # no temporary file left


def test_output_onto_a_device_writes_into_it_and_never_replaces_it(qa, work):
    full = work / "full"  # our own node of /dev/full (1, 7): a regression replaces this one only
    try:
        os.mknod(full, 0o666 | __import__("stat").S_IFCHR, os.makedev(1, 7))
    except (OSError, AttributeError):
        pytest.skip("cannot make a device node here")
    p = qa("check", "--no-cache", "-f", "json", "good.txt", "-o", "full", cwd=work)
    assert_write_error(p.returncode, p.err, "full", "no space left on device")
    assert full.is_char_device()


def test_fix_does_not_claim_success_after_a_failed_write(monkeypatch, capsys, work):
    from reportcase import REPORTS

    (work / "doc.txt").write_text("Trade with the VRC grew.\n", encoding="utf-8")
    fail_os_call(monkeypatch, "replace", "EACCES")
    status, _, err = main_in_process(
        monkeypatch, capsys, work, "fix", "--rules", str(REPORTS / "rules"), "--select", "TST", "doc.txt"
    )
    assert status == 2
    lines = err.splitlines()
    assert any("doc.txt" in line and "permission denied" in line.lower() for line in lines), lines
    assert not any(line.startswith("Fixed") and " in 1 file" in line for line in lines), lines
    assert "1 file not written" in lines[-1], lines
    assert (work / "doc.txt").read_text(encoding="utf-8") == "Trade with the VRC grew.\n"


# ----- hostile config and cache (issue 14, items 11 and 12) -----


def cache_run(qa, work, *args):
    p = qa("check", "--format", "json", "--grammar", "off", *args, "good.txt", cwd=work)
    assert "Traceback" not in p.err and "internal error" not in p.err, p.err
    return p


@pytest.mark.parametrize("where", ["OUTSIDE", "../elsewhere", ".", "sub/../.."])
def test_config_cache_dir_outside_the_project_is_refused(qa, tmp_path, where):
    project, outside = tmp_path / "project", tmp_path / "outside"
    project.mkdir()
    outside.mkdir()
    shutil.copy(GOOD, project / "good.txt")
    value = str(outside) if where == "OUTSIDE" else where
    (project / ".qa.toml").write_text(f"cache-dir = {json.dumps(value)}\n", encoding="utf-8")
    p = cache_run(qa, project)
    assert_error(p, ".qa.toml", "cache-dir", "--cache-dir")
    assert list(outside.iterdir()) == [] and sorted(x.name for x in project.iterdir()) == [".qa.toml", "good.txt"]
    assert not (tmp_path / "elsewhere").exists() and not (tmp_path / ".gitignore").exists()


def test_cache_dir_outside_the_project_from_the_command_line_is_used(qa, tmp_path, work):
    (work / ".qa.toml").write_text('cache-dir = "/etc"\n', encoding="utf-8")
    elsewhere = tmp_path.parent / (tmp_path.name + "-cache")
    try:
        p = cache_run(qa, work, "--cache-dir", str(elsewhere))
        assert p.returncode == 2 and ".qa.toml" in p.err  # the file is still wrong, and says so
        (work / ".qa.toml").unlink()
        p = cache_run(qa, work, "--cache-dir", str(elsewhere))
        assert p.returncode == 1 and (elsewhere / "CACHEDIR.TAG").exists()
    finally:
        shutil.rmtree(elsewhere, ignore_errors=True)


def test_cache_never_tags_or_writes_into_a_directory_not_its_own(qa, tmp_path, work):
    outside = tmp_path.parent / (tmp_path.name + "-victim")
    outside.mkdir()
    try:
        (outside / "passwd").write_text("root:x:0:0\n")
        (work / ".qa_cache").symlink_to(outside, target_is_directory=True)  # committed by an attacker
        (work / "docs").mkdir()
        (work / "docs" / "keep.txt").write_text("a file of the project\n")
        (work / ".qa.toml").write_text('cache-dir = "docs"\n', encoding="utf-8")
        assert cache_run(qa, work).returncode == 1
        assert sorted(x.name for x in (work / "docs").iterdir()) == ["keep.txt"]
        (work / ".qa.toml").unlink()
        assert cache_run(qa, work).returncode == 1
        assert sorted(x.name for x in outside.iterdir()) == ["passwd"]
    finally:
        shutil.rmtree(outside)


def _entry(work):
    (entry,) = list((work / ".qa_cache").rglob("*.json"))
    seal, _, payload = entry.read_bytes().partition(b"\n")
    return entry, seal, json.loads(payload)


def _write_entry(entry, doc, sealed):
    from qa.cache_entry import seal

    data = json.dumps(doc).encode()
    entry.write_bytes((seal(data).encode() if sealed else b"0" * 64) + b"\n" + data)


@pytest.mark.parametrize("sealed", [False, True])
@pytest.mark.parametrize("fmt", ["json", "html", "text", "sarif"])
def test_cache_entry_with_wrong_types_is_a_miss(qa, work, fmt, sealed):
    first = cache_run(qa, work)
    entry, _, doc = _entry(work)
    bad = doc["reports"][0]["findings"][0]
    bad.update(line="7", severity="warning", suggestions="x", start=None)
    doc["reports"][0]["words"] = "many"
    _write_entry(entry, doc, sealed)
    p = qa("check", "--format", fmt, "--grammar", "off", "good.txt", cwd=work)
    assert p.returncode == 1 and p.err == "", p.err
    if fmt == "json":
        assert json.loads(p.out) == json.loads(first.out)


@pytest.mark.parametrize("edit", ["no findings", "other file", "foreign seal"])
def test_edited_cache_entry_cannot_hide_findings(qa, work, edit):
    first = json.loads(cache_run(qa, work).out)
    entry, seal, doc = _entry(work)
    if edit == "no findings":
        doc["reports"][0]["findings"] = []
        _write_entry(entry, doc, sealed=False)  # edited by hand: the seal no longer matches
    elif edit == "other file":
        (work / "clean.txt").write_text("Nothing to see.\n", encoding="utf-8")
        cache_run(qa, work, "clean.txt")
        clean = next(e for e in (work / ".qa_cache").rglob("*.json") if e != entry)
        entry.write_bytes(clean.read_bytes())  # a sealed entry of another file, renamed
    else:
        import hashlib
        import hmac

        data = json.dumps({**doc, "reports": [{**doc["reports"][0], "findings": []}]}).encode()
        entry.write_bytes(hmac.new(b"guessed secret", data, hashlib.sha256).hexdigest().encode() + b"\n" + data)
    second = json.loads(cache_run(qa, work).out)
    assert second == first


# ----- what a directory walk finds (issue 14, items 16 and 17) -----

RSS = """<?xml version="1.0" encoding="utf-8"?>
<!-- a comment before the root -->
<rss version="2.0"><channel><title>Wire</title>
<item><title>Talks resume</title><description>Exports to the VRC rose again.</description></item>
</channel></rss>
"""
ATOM = """<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><title>Talks</title><content type="text">Exports to the VRC rose.</content></entry></feed>
"""


def walked(qa, root, *args):
    p = qa("check", "--format", "json", "--no-cache", "--fail-on", "never", *args, ".", cwd=root)
    assert p.returncode == 0 and "Traceback" not in p.err, p.err
    return sorted({f["path"].split("#")[0] for f in json.loads(p.out)["files"]})


def test_directory_walk_finds_feeds_and_skips_other_xml(qa, tmp_path):
    (tmp_path / "news.xml").write_text(RSS, encoding="utf-8")
    (tmp_path / "wire.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "wire.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "atom.xml").write_text(ATOM, encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>')
    (tmp_path / "pom.xml").write_text("<project><name>VRC</name></project>")
    (tmp_path / "a.txt").write_text("Exports to the VRC rose.\n")
    assert walked(qa, tmp_path) == ["a.txt", "atom.xml", "news.xml", "wire.atom", "wire.rss"]


def test_ext_adds_to_the_defaults(qa, tmp_path):
    (tmp_path / "a.txt").write_text("Exports to the VRC rose.\n")
    (tmp_path / "b.rst").write_text("Exports to the VRC rose.\n")
    (tmp_path / "c.md").write_text("Exports to the VRC rose.\n")
    assert walked(qa, tmp_path) == ["a.txt", "c.md"]
    assert walked(qa, tmp_path, "--ext", ".rst") == ["a.txt", "b.rst", "c.md"]
    assert walked(qa, tmp_path, "--ext", "RST") == ["a.txt", "b.rst", "c.md"]
    (tmp_path / ".qa.toml").write_text('extensions = [".md"]\n')  # the config file's list replaces
    assert walked(qa, tmp_path) == ["c.md"]
    assert walked(qa, tmp_path, "--ext", "rst") == ["b.rst", "c.md"]


def test_directory_walk_skips_its_own_reports_by_marker(qa, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.html").write_text("<html><body><p>Exports to the VRC rose.</p></body></html>")
    p = qa("check", "--no-cache", "--fail-on", "never", "-f", "html", "docs", "-o", "docs/whatever-name.htm", cwd=tmp_path)
    assert p.returncode == 0, p.err
    p = qa("check", "--no-cache", "--fail-on", "never", "-f", "junit", "docs", "-o", "docs/junit.xml", cwd=tmp_path)
    assert p.returncode == 0, p.err
    assert walked(qa, tmp_path, "--ext", "htm") == ["docs/page.html"]
    # named on the command line, a report is read like any file
    p = qa("check", "--format", "json", "--no-cache", "--fail-on", "never", "docs/whatever-name.htm", cwd=tmp_path)
    assert p.returncode == 0 and json.loads(p.out)["files"][0]["path"] == "docs/whatever-name.htm"


def test_directory_walk_skips_its_own_text_report(qa, tmp_path):
    """A text report written into the checked folder was checked as an article on the next
    run (it holds the findings' excerpts): its first line is a header that walks skip."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Exports to the VRC rose.\n")
    for name in ("report.txt", "notes.md"):
        p = qa("check", "--no-cache", "--fail-on", "never", "docs", "-o", f"docs/{name}", cwd=tmp_path)
        assert p.returncode == 0, p.err
        report = (docs / name).read_text(encoding="utf-8")
        assert report.startswith("# mtqa text report") and "FRN001" in report
    assert walked(qa, tmp_path) == ["docs/a.txt"]
    p = qa("check", "--no-cache", "docs", cwd=tmp_path)  # on standard output: no header
    assert not p.out.startswith("#")
    from qa.discover import TEXT_MARKER
    from qa.report.text import FILE_HEADER

    assert FILE_HEADER.encode().startswith(TEXT_MARKER)
