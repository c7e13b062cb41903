"""Output for people (issue 14, item 19): one word count everywhere, plurals, plain words for
verdicts and severities, every per-file line naming its file, feed items with their titles,
errors once on a terminal, and a progress bar on a terminal only."""

from __future__ import annotations

import json
import os
import pty
import subprocess

from conftest import FIXTURES, qa_executable

from qa.mtscore import summary_line as score_line

GOOD = FIXTURES / "articles" / "damaged-summit.txt"
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Talks resume in Vienna</title><description>Exports to the VRC rose.</description></item>
</channel></rss>
"""


def on_terminal(args, cwd, env=None):
    """Run qa with standard output and error on one pseudo-terminal; (status, what it showed)."""
    master, slave = pty.openpty()
    full_env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR")} | {"NO_COLOR": "1"} | (env or {})
    p = subprocess.Popen([*qa_executable(), *args], stdout=slave, stderr=slave, stdin=subprocess.DEVNULL, cwd=cwd, env=full_env)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    return p.wait(timeout=300), shown.decode("utf-8", "replace")


def test_one_word_count_everywhere(qa, tmp_path):
    (tmp_path / "a.txt").write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    report = json.loads(qa("check", "--format", "json", "--no-cache", "a.txt", cwd=tmp_path).out)
    (f,) = report["files"]
    assert f["words"] == f["readability"]["words"]
    text = qa("check", "--no-cache", "a.txt", cwd=tmp_path).out
    assert f"{f['words']} words, " in text
    table = qa("readability", "a.txt", cwd=tmp_path).out
    assert f" {f['words']} " in table.splitlines()[1]
    html = qa("check", "--no-cache", "-f", "html", "a.txt", cwd=tmp_path).out
    assert f"{f['words']} words" in html
    numbers = {n for n in __import__("re").findall(r"(\d+) words", html)}
    assert numbers == {str(f["words"])}, numbers


def test_plurals_and_plain_words(qa, tmp_path):
    (tmp_path / "one.txt").write_text("Exports to the VRC rose.\n", encoding="utf-8")
    text = qa("check", "--no-cache", "one.txt", cwd=tmp_path).out
    assert "1 sentence," in text and "1 sentences" not in text
    assert text.splitlines()[-1] == "1 finding (1 warning) in 1 of 1 file."
    html = qa("check", "--no-cache", "-f", "html", "one.txt", cwd=tmp_path).out
    assert ">1 warning<" in html and "uppercase" not in html and "1 words" not in html
    assert score_line({"score": 0.5, "verdict": "possible", "evidence": []}) == "mt score 0.50: possibly machine-translated"
    assert "probably not" in score_line({"score": 0.1, "verdict": "unlikely"}, "scraping")


def test_every_per_file_line_names_its_file_and_feed_items_their_title(qa, tmp_path):
    (tmp_path / "clean.txt").write_text("The ministers met in Vienna on Thursday.\n", encoding="utf-8")
    (tmp_path / "feed.xml").write_text(FEED, encoding="utf-8")
    lines = qa("check", "--no-cache", "clean.txt", "feed.xml", cwd=tmp_path).out.splitlines()
    body = [line for line in lines[:-1] if not line.startswith("    ")]  # a finding's second line is indented
    assert body and all(line.startswith(("clean.txt", "feed.xml#item-1")) for line in body), body
    assert any(line.startswith("clean.txt: readability:") for line in body)
    assert any(line.startswith("feed.xml#item-1 (Talks resume in Vienna): readability:") for line in body)
    html = qa("check", "--no-cache", "-f", "html", "feed.xml", cwd=tmp_path).out
    assert "<h2>feed.xml#item-1 (Talks resume in Vienna)</h2>" in html


def test_errors_once_on_a_terminal_and_in_a_piped_report(qa, tmp_path):
    (tmp_path / "ok.txt").write_text("Exports to the VRC rose.\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9\n")
    status, shown = on_terminal(["check", "--no-cache", "ok.txt", "bad.txt"], tmp_path)
    assert status == 2 and shown.count("bad.txt: is not valid UTF-8") == 1, shown
    p = qa("check", "--no-cache", "ok.txt", "bad.txt", cwd=tmp_path)  # piped: the report is complete
    assert "bad.txt: is not valid UTF-8" in p.out and p.err.count("bad.txt") == 1


def test_progress_bar_on_a_terminal_only(qa, tmp_path):
    for i in range(60):
        (tmp_path / f"f{i}.txt").write_text(f"Exports to the VRC rose by {i} percent.\n", encoding="utf-8")
    args = ["check", "--no-cache", "--fail-on", "never", "-j", "1", "."]
    status, shown = on_terminal(args, tmp_path)
    assert status == 0 and "checking" in shown and "60/60" in shown
    status, shown = on_terminal(args, tmp_path, {"CI": "true"})
    assert status == 0 and "checking" not in shown
    p = qa(*args, cwd=tmp_path)  # piped
    assert p.returncode == 0 and p.err == "" and "checking" not in p.out


def test_baseline_says_one_finding_from_one_file(qa, tmp_path):
    (tmp_path / "one.txt").write_text("Exports to the VRC rose.\n", encoding="utf-8")
    p = qa("baseline", "--select", "FRN001", "one.txt", "-o", "b.json", cwd=tmp_path)
    assert p.returncode == 0 and p.out.strip() == "Wrote 1 finding from 1 file to b.json.", p.out
