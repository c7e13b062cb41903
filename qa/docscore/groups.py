"""Story groups of an annotated corpus and folds that keep each story in one fold.

Copies of one story (the original, its machine translation, its spun and scraped versions)
must not be split between training and test: a model would learn the story, not the damage.
A case's group comes from, first to last:

1. a groups file (``case-id group`` per line, ``#`` comments), when given;
2. a ``story`` key in the case's JSON;
3. links between cases: the same ``retrieved_via`` search, or a case id named in the case's
   ``notes`` ("cases 001-004 are other copies", "compare case 062"), except in a sentence that
   says the story is different. Linked cases form one group (transitively), which errs on the
   side of larger groups.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from qa.errors import QaError

_RANGE = re.compile(r"\b(\d{3})(?:\s*[-\u2013]\s*(\d{3}))?\b")
_SENTENCE = re.compile(r"(?<=[.;])\s+")


def read_groups_file(path: Path) -> dict[str, str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise QaError(f"{path}: cannot read the groups file: {exc.strerror}") from None
    out: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 2:
            raise QaError(f"{path}:{number}: expected 'case-id group'")
        out[parts[0]] = parts[1]
    return out


def mentioned(notes: str, ids: Iterable[str]) -> set[str]:
    """Case ids of ``ids`` named in ``notes`` (ranges included), outside 'different' sentences."""
    known = set(ids)
    out: set[str] = set()
    for sentence in _SENTENCE.split(notes):
        if "different" in sentence.lower():
            continue
        for m in _RANGE.finditer(sentence):
            low, high = int(m.group(1)), int(m.group(2) or m.group(1))
            if high - low <= 20:
                out.update(f"{i:03d}" for i in range(low, high + 1) if f"{i:03d}" in known)
    return out


def story_groups(directory: Path, ids: Sequence[str], groups_file: Path | None = None) -> dict[str, str]:
    """Case id -> group name (the smallest case id of the group, or the file's name)."""
    given = read_groups_file(groups_file) if groups_file else {}
    metas = {cid: _meta(directory, cid) for cid in ids}
    parent = {cid: cid for cid in ids}

    def find(c: str) -> str:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    by_key: dict[str, str] = {}
    for cid in ids:
        meta = metas[cid]
        if cid in given:
            key = "file:" + given[cid]
        elif "story" in meta:
            key = "story:" + str(meta["story"])
        else:
            for other in mentioned(str(meta.get("notes", "")), ids):
                if other not in given and "story" not in metas[other]:
                    union(cid, other)
            key = "query:" + str(meta["retrieved_via"]) if meta.get("retrieved_via") else ""
        if key:
            union(cid, by_key.setdefault(key, cid))
    return {cid: find(cid) for cid in ids}


def _meta(directory: Path, cid: str) -> Mapping:
    try:
        return json.loads((directory / f"{cid}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def folds(groups: Mapping[str, str], k: int) -> list[list[str]]:
    """``k`` folds of case ids, whole groups only, balanced by size (largest groups first)."""
    members: dict[str, list[str]] = {}
    for cid, g in sorted(groups.items()):
        members.setdefault(g, []).append(cid)
    if k < 2 or k > len(members):
        raise QaError(f"cannot make {k} folds from {len(members)} story groups (use 2..{len(members)})")
    out: list[list[str]] = [[] for _ in range(k)]
    for g in sorted(members, key=lambda g: (-len(members[g]), g)):
        min(out, key=len).extend(members[g])
    return [sorted(f) for f in out]
