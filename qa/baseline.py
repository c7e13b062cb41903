"""Baseline files: findings accepted once, hidden from later runs.

A finding's fingerprint is its rule, its file (relative to the baseline file), the matched
text (case and spacing normalised) and the words just before and after it on its line. Line
numbers are left out. Matching is done in rounds, so an entry survives any edit that leaves
the matched text itself alone (above, below, or next to it in the same paragraph): first the
exact fingerprint, then the same rule, file and text with the words on one side unchanged,
then the same rule, file and text anywhere. Every entry is counted, so one baselined copy
hides exactly one finding: a new finding with the same text is still reported when the
baselined one is still there.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from qa.atomic import write_output
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
    """Up to CONTEXT_WORDS words before and after the finding, on its own line only (a line
    added below or above must not change them)."""
    lo = max(0, f.start - 120, raw.rfind("\n", 0, f.start) + 1, raw.rfind("\r", 0, f.start) + 1)
    hi = min(x for x in (f.end + 120, _find(raw, "\n", f.end), _find(raw, "\r", f.end)))
    before = _WORD.findall(raw[lo : f.start])[-CONTEXT_WORDS:]
    after = _WORD.findall(raw[f.end : max(f.end, hi)])[:CONTEXT_WORDS]
    return " ".join(before).casefold(), " ".join(after).casefold()


def _find(raw: str, char: str, start: int) -> int:
    at = raw.find(char, start)
    return len(raw) if at == -1 else at


def _loose(path: str, rule: str, text: str) -> tuple[str, str, str]:
    return path, rule, _norm(text)


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
    write_output(output, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return sum(e["count"] for e in data["entries"])


@dataclass
class _Entry:
    fingerprint: str
    key: tuple[str, str, str] | None  # (path, rule, normalised text); None in a hand-made entry
    before: str
    after: str
    count: int


def load_baseline(path: Path) -> list[_Entry]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such baseline file (write one with 'qa baseline PATH... -o {path}')") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{path}: not a readable baseline file: {exc}") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("entries"), list):
        raise ConfigError(f"{path}: not a qa baseline (expected schema '{SCHEMA}')")
    entries = []
    for n, e in enumerate(data["entries"], 1):
        if not isinstance(e, dict) or not isinstance(e.get("fingerprint"), str) or not isinstance(e.get("count", 1), int):
            raise ConfigError(f"{path}: entry {n}: needs a 'fingerprint' string and an integer 'count'")
        fields = [e.get(k) for k in ("path", "rule", "text")]
        key = _loose(*fields) if all(isinstance(x, str) for x in fields) else None
        context = e.get("context") if isinstance(e.get("context"), str) else ""
        before, _, after = context.partition("[...]")
        entries.append(_Entry(e["fingerprint"], key, before.strip(), after.strip(), e.get("count", 1)))
    return entries


def apply_baseline(report: Report, path: Path) -> int:
    """Drop findings the baseline accepts (each entry hides at most ``count`` of them);
    returns how many were hidden. Rounds: exact fingerprint, then same rule/file/text with
    one side's words unchanged, then same rule/file/text (see the module docstring)."""
    entries = load_baseline(path)
    found = []
    for _fr, f, digest, entry in fingerprints(report, path.parent):
        before, _, after = entry["context"].partition("[...]")
        found.append((f, digest, _loose(entry["path"], entry["rule"], entry["text"]), before.strip(), after.strip()))
    hidden: set[int] = set()
    by_digest: dict[str, list[_Entry]] = {}
    by_key: dict[tuple, list[_Entry]] = {}
    for e in entries:
        by_digest.setdefault(e.fingerprint, []).append(e)
        if e.key is not None:
            by_key.setdefault(e.key, []).append(e)
    for score in (3, 1, 0):  # 3: exact fingerprint; 1: one side's words agree; 0: text alone
        for i, (f, digest, key, before, after) in enumerate(found):
            if id(f) in hidden:
                continue
            pool = by_digest.get(digest, []) if score == 3 else by_key.get(key, [])
            for e in pool:
                if e.count > 0 and (score != 1 or (e.before, e.after) != ("", "") and (e.before == before or e.after == after)):
                    e.count -= 1
                    hidden.add(id(f))
                    break
    for fr in report.files:
        fr.findings = [f for f in fr.findings if id(f) not in hidden]
    return len(hidden)
