"""The result cache: hits replay the stored reports, anything that matters changes the key,
broken entries are rewritten, errors are never stored, and concurrent runs do not clash."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, qa_executable, run_qa

from qa.cache import Cache, finding_from_dict, finding_to_dict, report_from_dict, report_to_dict
from qa.finding import Finding, Severity
from qa.run import FileReport
from qa.settings import Settings

#: Harper's dictionary takes a second or two to build per process; these tests are about the cache.
FAST = ("--grammar", "off") if b"--grammar" in run_qa("check", "--help").stdout else ()
DAMAGED = FIXTURES / "articles" / "damaged-summit.txt"
CLEAN = FIXTURES / "articles" / "clean-wire.txt"


@pytest.fixture
def work(tmp_path):
    shutil.copy(DAMAGED, tmp_path / "damaged.txt")
    shutil.copy(CLEAN, tmp_path / "clean.txt")
    return tmp_path


def entries(root: Path) -> list[Path]:
    return sorted((root / ".qa_cache").rglob("*.json"))


def payload(entry: Path) -> dict:
    """The JSON an entry seals (its first line is the seal)."""
    return json.loads(entry.read_bytes().partition(b"\n")[2])


def reseal(entry: Path, doc: dict) -> None:
    """Write ``doc`` as a properly sealed entry (what qa itself would have stored)."""
    from qa.cache_entry import seal

    data = json.dumps(doc).encode()
    entry.write_bytes(seal(data).encode() + b"\n" + data)


def check_json(qa, cwd, *args):
    p = qa("check", "--format", "json", "--fail-on", "never", *FAST, *args, cwd=cwd)
    assert p.returncode in (0, 1), p.err
    return json.loads(p.out)


def test_cache_dir_is_tagged_and_ignored(qa, work):
    check_json(qa, work, "damaged.txt", "clean.txt")
    root = work / ".qa_cache"
    assert (root / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (root / ".gitignore").read_text().splitlines()[-1] == "*"
    assert len(entries(work)) == 2


def test_hit_replays_the_stored_report(qa, work):
    first = check_json(qa, work, "damaged.txt")
    assert first["files"][0]["findings"]
    (entry,) = entries(work)
    doc = payload(entry)
    doc["reports"][0]["findings"][0]["message"] = "from the cache"
    reseal(entry, doc)
    second = check_json(qa, work, "damaged.txt")
    assert second["files"][0]["findings"][0]["message"] == "from the cache"
    assert check_json(qa, work, "--no-cache", "damaged.txt") == first


def test_cached_output_equals_fresh_output(qa, work):
    fresh = qa("check", "damaged.txt", "clean.txt", cwd=work)
    cached = qa("check", "damaged.txt", "clean.txt", cwd=work)
    assert (cached.returncode, cached.out, cached.err) == (fresh.returncode, fresh.out, fresh.err)


def _poison(work: Path) -> None:
    for entry in entries(work):
        doc = payload(entry)
        for r in doc["reports"]:
            for f in r["findings"]:
                f["message"] = "stale"
        reseal(entry, doc)


def test_changed_content_is_checked_again(qa, work):
    check_json(qa, work, "damaged.txt")
    _poison(work)
    with open(work / "damaged.txt", "a", encoding="utf-8") as fh:
        fh.write("\nOne more sentence.\n")
    report = check_json(qa, work, "damaged.txt")
    assert "stale" not in {f["message"] for f in report["files"][0]["findings"]}


def test_changed_settings_or_pack_change_the_key(qa, work):
    check_json(qa, work, "damaged.txt")
    _poison(work)
    report = check_json(qa, work, "--ignore", "CRD001", "damaged.txt")
    assert "stale" not in {f["message"] for f in report["files"][0]["findings"]}

    packs = work / "packs"
    packs.mkdir()
    pack = packs / "extra.yaml"
    pack.write_text(_pack("soybean quotas"), encoding="utf-8")
    first = check_json(qa, work, "--rules", str(packs), "damaged.txt")
    assert "ZZT001" in {f["rule"] for f in first["files"][0]["findings"]}
    pack.write_text(_pack("no such phrase anywhere"), encoding="utf-8")
    second = check_json(qa, work, "--rules", str(packs), "damaged.txt")
    assert "ZZT001" not in {f["rule"] for f in second["files"][0]["findings"]}


def _pack(phrase: str) -> str:
    return f"""pack: cache-test
version: 1
rules:
  - id: ZZT001
    name: test.cache-phrase
    kind: existence
    category: other
    severity: warning
    message: "Test phrase '{{match}}'."
    description: A test rule.
    phrases: ["{phrase}"]
    examples:
      bad: ["A {{{{{phrase}}}}} here."]
      good: ["Nothing here."]
"""


def test_corrupted_entry_is_ignored_and_rewritten(qa, work):
    first = check_json(qa, work, "damaged.txt")
    (entry,) = entries(work)
    entry.write_bytes(b"\x00{not json")
    assert check_json(qa, work, "damaged.txt") == first
    assert payload(entry)["reports"][0]["path"] == "damaged.txt"


def test_input_errors_are_never_cached(qa, work):
    (work / "bad.txt").write_bytes(b"caf\xe9 au lait\n")
    for _ in range(2):
        p = qa("check", "bad.txt", "clean.txt", cwd=work)
        assert p.returncode == 2
        assert "bad.txt" in p.err and "UTF-8" in p.err
    assert len(entries(work)) == 1  # clean.txt only


def test_broken_pack_is_reported_on_every_run(qa, work):
    broken = work / "broken.yaml"
    broken.write_text("pack: x\nversion: 1\nrules: [", encoding="utf-8")
    for _ in range(2):
        p = qa("check", "--rules", str(broken), "clean.txt", cwd=work)
        assert p.returncode == 2
        assert "broken.yaml" in p.err and "Traceback" not in p.err


def test_no_cache_and_cache_dir(qa, work):
    qa("check", "--no-cache", "clean.txt", cwd=work)
    assert not (work / ".qa_cache").exists()
    qa("check", "--cache-dir", "elsewhere", "clean.txt", cwd=work)
    assert not (work / ".qa_cache").exists()
    assert (work / "elsewhere" / "CACHEDIR.TAG").exists()


def test_unwritable_cache_dir_does_not_fail_the_run(qa, work):
    (work / "afile").write_text("not a directory")
    p = qa("check", "--cache-dir", "afile/sub", "clean.txt", cwd=work)
    assert p.returncode == 0, p.err
    assert p.err == ""


def test_concurrent_runs_share_the_cache(work):
    for i in range(30):
        (work / f"copy{i}.txt").write_text(DAMAGED.read_text(encoding="utf-8") + f"\nLine {i}.\n", encoding="utf-8")
    cmd = [*qa_executable(), "check", "--format", "json", "--fail-on", "never", *FAST, "-j", "2", "."]
    procs = [subprocess.Popen(cmd, cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), [e for _, e in outs]
    assert len({o for o, _ in outs}) == 1
    assert not list((work / ".qa_cache").rglob(".tmp-*"))
    for entry in entries(work):
        payload(entry)
    assert subprocess.run(cmd, cwd=work, capture_output=True).stdout == outs[0][0]


def test_round_trip_of_reports():
    finding = Finding(
        start=3, end=7, rule="ABC001", name="a.b", category="other", severity=Severity.WARNING,
        message="m", line=1, column=4, end_line=1, end_column=8, text="abcd", suggestions=("x", ""),
        fixable=True,
    )
    assert finding_from_dict(json.loads(json.dumps(finding_to_dict(finding)))).to_dict() == finding.to_dict()
    report = FileReport("a.txt", words=3, findings=[finding], extras={"readability": {"grade": 9.5}})
    back = report_from_dict(json.loads(json.dumps(report_to_dict(report))))
    assert back.path == "a.txt" and back.words == 3 and back.extras == report.extras
    assert [f.to_dict() for f in back.findings] == [finding.to_dict()]


def test_key_depends_on_bytes_path_and_settings(tmp_path):
    cache = Cache(tmp_path)
    base = cache.key(b"text", "a.txt", Settings())
    assert base == cache.key(b"text", "a.txt", Settings(jobs=3, fail_on="never"))  # run-only fields
    assert base != cache.key(b"text!", "a.txt", Settings())
    assert base != cache.key(b"text", "b.txt", Settings())
    assert base != cache.key(b"text", "a.txt", Settings(ignore=("RES",)))


def test_cache_dir_and_jobs_from_config(qa, work):
    if not (Path(__file__).resolve().parent.parent / "qa" / "config.py").exists():
        pytest.skip("no config support")
    (work / ".qa.toml").write_text('cache-dir = "build/qa-cache"\njobs = 1\n', encoding="utf-8")
    check_json(qa, work, "clean.txt")
    assert (work / "build" / "qa-cache" / "CACHEDIR.TAG").exists()
    assert not (work / ".qa_cache").exists()
    check_json(qa, work, "--no-cache", "damaged.txt")  # the flag wins over the file
    assert len(list((work / "build" / "qa-cache").rglob("*.json"))) == 1
