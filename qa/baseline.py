"""Baseline files: findings accepted once, hidden from later runs.

A finding's fingerprint is its rule, its file (relative to the baseline file), the matched
text (case and spacing normalised) and the words just before and after it in the file. Line
numbers are left out, so an entry survives edits elsewhere in the file; the same finding twice
in one file is counted, so one baselined copy hides exactly one of them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Iterator

from qa.atomic import write_atomic
from qa.errors import ConfigError, QaError
from qa.finding import Finding
from qa.run import FileReport, Report

SCHEMA = "mtqa-baseline/1"
CONTEXT_WORDS = 3
_WORD = re.compile(r"\w+")


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _relative(display: str, base: Path) -> str:
    """A report path (``a.md``, ``feed.xml#item-2``, ``<stdin>``) relative to ``base``, posix."""
    file, hash_, item = display.partition("#")
    if file.startswith("<"):
        return display
    try:
        rel = Path(os.path.relpath(Path(file).resolve(), base.resolve())).as_posix()
    except ValueError:  # another drive
        rel = Path(file).resolve().as_posix()
    return rel + hash_ + item


def _context(raw: str, f: Finding) -> tuple[str, str]:
    before = _WORD.findall(raw[max(0, f.start - 120) : f.start])[-CONTEXT_WORDS:]
    after = _WORD.findall(raw[f.end : f.end + 120])[:CONTEXT_WORDS]
    return " ".join(before).casefold(), " ".join(after).casefold()


def _raw_of(fr: FileReport, cache: dict[str, str]) -> str:
    source = getattr(fr, "source", None)
    if source is not None and source.raw is not None:
        return source.raw
    file = fr.path.partition("#")[0]
    if file not in cache:
        from qa.readers import read

        try:
            cache[file] = read(Path(file))[0].raw or ""
        except (QaError, IndexError):
            cache[file] = ""
    return cache[file]


def fingerprints(report: Report, base: Path) -> Iterator[tuple[FileReport, Finding, str, dict]]:
    """(file report, finding, fingerprint, readable entry) for every finding of ``report``."""
    cache: dict[str, str] = {}
    for fr in report.files:
        if not fr.findings:
            continue
        raw = _raw_of(fr, cache)
        path = _relative(fr.path, base)
        for f in fr.findings:
            before, after = _context(raw, f)
            key = "\0".join((f.rule, path, _norm(f.text), before, after))
            digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
            yield fr, f, digest, {"path": path, "rule": f.rule, "text": f.text, "context": f"{before} [...] {after}".strip()}


def build(report: Report, output: Path) -> dict:
    entries: dict[str, dict] = {}
    for _fr, _f, digest, entry in fingerprints(report, output.parent):
        if digest in entries:
            entries[digest]["count"] += 1
        else:
            entries[digest] = {"fingerprint": digest, **entry, "count": 1}
    ordered = sorted(entries.values(), key=lambda e: (e["path"], e["rule"], e["text"], e["fingerprint"]))
    return {"schema": SCHEMA, "entries": ordered}


def write_baseline(report: Report, output: Path) -> int:
    """Write every finding of ``report`` to ``output`` atomically; returns the number of findings."""
    data = build(report, output)
    write_atomic(output, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return sum(e["count"] for e in data["entries"])


def load_baseline(path: Path) -> Counter:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such baseline file (write one with 'qa baseline PATH... -o {path}')") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: not a readable baseline file: {exc}") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("entries"), list):
        raise ConfigError(f"{path}: not a qa baseline (expected schema '{SCHEMA}')")
    counts: Counter = Counter()
    for n, e in enumerate(data["entries"], 1):
        if not isinstance(e, dict) or not isinstance(e.get("fingerprint"), str) or not isinstance(e.get("count", 1), int):
            raise ConfigError(f"{path}: entry {n}: needs a 'fingerprint' string and an integer 'count'")
        counts[e["fingerprint"]] += e.get("count", 1)
    return counts


def apply_baseline(report: Report, path: Path) -> int:
    """Drop findings the baseline accepts (each entry hides at most ``count`` of them);
    returns how many were hidden."""
    remaining = load_baseline(path)
    hidden: set[int] = set()
    for _fr, f, digest, _entry in fingerprints(report, path.parent):
        if remaining[digest] > 0:
            remaining[digest] -= 1
            hidden.add(id(f))
    for fr in report.files:
        fr.findings = [f for f in fr.findings if id(f) not in hidden]
    return len(hidden)
