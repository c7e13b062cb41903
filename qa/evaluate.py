"""``qa eval``: score the checks on an annotated corpus, the way the shared scorer does.

A corpus folder holds ``NNN.txt`` (the text) and ``NNN.json`` (``kind`` positive/negative
and ``artifacts``: ``text``, optional ``start``, ``category``, ``confidence``). An annotated
span is *hit* when a warning or error lies inside it or overlaps at least a fifth of it, and
is at most 3 x its length + 15 characters long — the rule of ``shared/tools/score_corpus.py``, whose
figures this module reproduces, plus hits and false alarms per rule.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from qa.errors import QaError
from qa.finding import Severity

COUNTED = (Severity.WARNING, Severity.ERROR)


@dataclass(frozen=True)
class Annotation:
    start: int
    end: int
    category: str
    confident: bool


@dataclass(frozen=True)
class Case:
    id: str
    kind: str  # positive | negative
    words: int
    spans: tuple[Annotation, ...]


@dataclass(frozen=True)
class Hit:
    """A counted finding, reduced to what scoring needs."""

    start: int
    end: int
    rule: str


@dataclass
class RuleScore:
    spans_hit: int = 0  # annotated spans this rule hits
    on_target: int = 0  # its findings on positives that hit an annotation
    off_target: int = 0  # its findings on positives that hit none
    false_alarms: int = 0  # its findings on negative documents


@dataclass
class Evaluation:
    hit: Counter = field(default_factory=Counter)  # confident spans hit, per category
    total: Counter = field(default_factory=Counter)
    hit_all: Counter = field(default_factory=Counter)
    total_all: Counter = field(default_factory=Counter)
    positive_docs: int = 0
    positive_flagged: int = 0
    on_target: int = 0
    off_target: int = 0
    negative_docs: int = 0
    negative_flagged: int = 0
    negative_words: int = 0
    negative_findings: int = 0
    rules: dict[str, RuleScore] = field(default_factory=dict)

    def rule(self, rule_id: str) -> RuleScore:
        return self.rules.setdefault(rule_id, RuleScore())

    @property
    def summary(self) -> dict[str, float]:
        """The figures of the shared scorer's SUMMARY line (same names, unrounded)."""
        return {
            "recall_high": sum(self.hit.values()) / max(sum(self.total.values()), 1),
            "doc_recall": self.positive_flagged / max(self.positive_docs, 1),
            "neg_doc_rate": self.negative_flagged / max(self.negative_docs, 1),
            "fa_per_kw": 1000 * self.negative_findings / max(self.negative_words, 1),
        }


def hits(finding: Hit, span: Annotation) -> bool:
    """The finding points at the span: it lies inside it (the broken word of an annotated
    clause) or overlaps a fifth of it, and is not much longer than the span."""
    overlap = min(finding.end, span.end) - max(finding.start, span.start)
    length = span.end - span.start
    inside = span.start <= finding.start and finding.end <= span.end
    return overlap > 0 and (inside or overlap >= 0.2 * length) and finding.end - finding.start <= 3 * length + 15


def load_corpus(directory: Path) -> dict[str, Case]:
    """Every ``NNN.json`` with its ``NNN.txt``; spans are checked against the text."""
    if not directory.is_dir():
        raise QaError(f"{directory}: not a corpus directory")
    cases: dict[str, Case] = {}
    for meta_path in sorted(directory.glob("*.json")):
        cid = meta_path.stem
        if not cid.isdigit():
            continue
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            text = (directory / f"{cid}.txt").read_text(encoding="utf-8")
        except (OSError, ValueError) as exc:
            raise QaError(f"{meta_path}: cannot read the case: {exc}") from None
        spans = []
        for a in meta.get("artifacts", []):
            start = a.get("start", text.find(a["text"]))
            if start < 0 or text[start : start + len(a["text"])] != a["text"]:
                raise QaError(f"{meta_path}: annotated text not found at its offset: {a['text'][:40]!r}")
            spans.append(Annotation(start, start + len(a["text"]), a["category"], a.get("confidence") != "low"))
        cases[cid] = Case(cid, meta["kind"], len(text.split()), tuple(spans))
    if not cases:
        raise QaError(f"{directory}: no annotated cases (NNN.txt + NNN.json)")
    return cases


def case_id(path: str) -> str:
    return Path(path).name.split(".")[0]


def counted_hits(files: Iterable) -> dict[str, list[Hit]]:
    """Warnings and errors per case id, from FileReports."""
    out: dict[str, list[Hit]] = {}
    for f in files:
        found = out.setdefault(case_id(f.path), [])
        found.extend(Hit(x.start, x.end, x.rule) for x in f.findings if x.severity in COUNTED)
    return out


def evaluate(cases: Mapping[str, Case], found: Mapping[str, Sequence[Hit]]) -> Evaluation:
    ev = Evaluation()
    for cid, case in cases.items():
        fs = found.get(cid, ())
        if case.kind == "negative":
            ev.negative_docs += 1
            ev.negative_words += case.words
            ev.negative_findings += len(fs)
            ev.negative_flagged += bool(fs)
            for f in fs:
                ev.rule(f.rule).false_alarms += 1
            continue
        ev.positive_docs += 1
        ev.positive_flagged += any(hits(f, s) for f in fs for s in case.spans)
        for s in case.spans:
            rules = {f.rule for f in fs if hits(f, s)}
            ev.total_all[s.category] += 1
            ev.hit_all[s.category] += bool(rules)
            if s.confident:
                ev.total[s.category] += 1
                ev.hit[s.category] += bool(rules)
            for r in rules:
                ev.rule(r).spans_hit += 1
        for f in fs:
            if any(hits(f, s) for s in case.spans):
                ev.on_target += 1
                ev.rule(f.rule).on_target += 1
            else:
                ev.off_target += 1
                ev.rule(f.rule).off_target += 1
    return ev


def check_corpus(directory: Path, settings):
    """The corpus's cases and the Report of checking their texts with ``settings``."""
    from qa.app import run_check

    cases = load_corpus(directory)
    return cases, run_check([str(directory / f"{cid}.txt") for cid in cases], settings)


def run(directory: Path, settings) -> tuple[Evaluation, list[str]]:
    """Check every case's text with ``settings`` and score the findings."""
    cases, report = check_corpus(directory, settings)
    return evaluate(cases, counted_hits(report.files)), report.all_errors


def _ratio(h: int, t: int) -> str:
    return f"{h}/{t} = {100 * h / t:.0f}%" if t else "-"


def render_text(ev: Evaluation) -> str:
    """The shared scorer's lines, then a table of rules."""
    lines = [
        "span recall (high-confidence): " + _ratio(sum(ev.hit.values()), sum(ev.total.values())),
        "span recall (all):             " + _ratio(sum(ev.hit_all.values()), sum(ev.total_all.values())),
    ]
    for cat in sorted(ev.total_all):
        high, every = _ratio(ev.hit[cat], ev.total[cat]), _ratio(ev.hit_all[cat], ev.total_all[cat])
        lines.append(f"  {cat:24s} high {high:>14s}   all {every:>14s}")
    lines += [
        "positive docs with >=1 correct finding: " + _ratio(ev.positive_flagged, ev.positive_docs),
        "findings on positives overlapping an annotation: " + _ratio(ev.on_target, ev.on_target + ev.off_target),
        "negative docs with any warning/error: " + _ratio(ev.negative_flagged, ev.negative_docs),
        f"false alarms on negatives: {ev.negative_findings} in {ev.negative_words} words = "
        f"{1000 * ev.negative_findings / max(ev.negative_words, 1):.2f} per 1,000 words",
        "",
        f"{'rule':<28} {'spans hit':>9} {'on target':>9} {'off target':>10} {'false alarms':>12}",
    ]
    for rid, r in sorted(ev.rules.items(), key=lambda kv: (-kv[1].spans_hit, kv[1].false_alarms, kv[0])):
        lines.append(f"{rid:<28} {r.spans_hit:>9} {r.on_target:>9} {r.off_target:>10} {r.false_alarms:>12}")
    return "\n".join(lines) + "\n"


def to_dict(ev: Evaluation) -> dict:
    cats = sorted(ev.total_all)
    return {
        "summary": ev.summary,
        "span_recall": {
            "high": {"hit": sum(ev.hit.values()), "total": sum(ev.total.values())},
            "all": {"hit": sum(ev.hit_all.values()), "total": sum(ev.total_all.values())},
        },
        "categories": {
            c: {"high": {"hit": ev.hit[c], "total": ev.total[c]}, "all": {"hit": ev.hit_all[c], "total": ev.total_all[c]}}
            for c in cats
        },
        "positive_docs": {"flagged": ev.positive_flagged, "total": ev.positive_docs},
        "findings_on_positives": {"on_target": ev.on_target, "off_target": ev.off_target},
        "negative_docs": {"flagged": ev.negative_flagged, "total": ev.negative_docs},
        "false_alarms": {"findings": ev.negative_findings, "words": ev.negative_words},
        "rules": {rid: vars(r) for rid, r in sorted(ev.rules.items())},
    }
