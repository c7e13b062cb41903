"""Inline suppressions in Markdown and HTML comments, applied to a document's findings.

    <!-- qa-disable RES001,FRN -->  ...  <!-- qa-enable -->   (no rule list: every rule)
    <!-- qa-disable-next-line FRN001 -->

Rules are named as for ``--select``: id, dotted name, category, or a prefix of either. The
readers record the directives with raw offsets in ``Source.meta["directives"]``; the engine
calls :func:`apply_suppressions` on everything it found (pack rules and grammar providers).
A ``qa-disable`` that suppressed nothing is itself reported as ``QA001`` (info), unless every
rule it names is switched off for this run anyway.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from qa.engine import Selector
from qa.finding import Finding, Severity, raw_finding
from qa.readers.extract import Directive
from qa.source import Source

UNUSED_ID = "QA001"
UNUSED_NAME = "qa.unused-suppression"
UNUSED_CATEGORY = "suppression"


class _Scope:
    """One directive's reach: raw offsets [start, end) or one raw line, and the rules it names."""

    def __init__(self, directive: Directive, start: int, end: int, line: int | None = None) -> None:
        self.directive = directive
        self.start, self.end, self.line = start, end, line
        self.used = False

    def covers(self, f: Finding) -> bool:
        if self.line is not None:
            if f.line != self.line:
                return False
        elif not (self.start <= f.start < self.end):
            return False
        rules = self.directive.rules
        return not rules or Selector._hits(rules, f.rule, f.name, f.category)


def scopes(source: Source, directives: Sequence[Directive]) -> list[_Scope]:
    out: list[_Scope] = []
    open_: list[tuple[Directive, set[str] | None]] = []  # disable directives still running
    end_of_file = len(source.raw or "")
    ordered = sorted(directives, key=lambda d: d.start)
    for d in ordered:
        if d.kind == "disable-next-line":
            line, _ = source.position(d.end)
            out.append(_Scope(d, d.end, d.end, line=line + 1))
        elif d.kind == "disable":
            open_.append((d, None))
        elif d.kind == "enable":
            still = []
            for opened, _ in open_:
                if not d.rules or set(opened.rules) <= set(d.rules):
                    out.append(_Scope(opened, opened.end, d.start))
                else:
                    still.append((opened, None))
            open_ = still
    out.extend(_Scope(opened, opened.end, end_of_file) for opened, _ in open_)
    return out


def apply_suppressions(
    source: Source, findings: Iterable[Finding], directives: Sequence[Directive], selector: Selector = Selector()
) -> list[Finding]:
    """The findings no directive covers, plus one QA001 per directive that covered nothing."""
    active = scopes(source, directives)
    kept = []
    for f in findings:
        hit = False
        for scope in active:
            if scope.covers(f):
                scope.used = True
                hit = True
        if not hit:
            kept.append(f)
    reported: set[Directive] = set()
    for scope in active:
        d = scope.directive
        if scope.used or d in reported or any(s.used for s in active if s.directive == d):
            continue
        if d.rules and not any(selector.wants(r, r, r) for r in d.rules):
            continue  # every named rule is off for this run: nothing could have been suppressed
        reported.add(d)
        unused = unused_finding(source, d)
        if selector.wants(unused.rule, unused.name, unused.category):
            kept.append(unused)
    return sorted(kept, key=lambda f: (f.start, f.end, f.rule))


def unused_finding(source: Source, d: Directive) -> Finding:
    named = ",".join(d.rules) if d.rules else "(all rules)"
    return raw_finding(
        source,
        d.start,
        d.end,
        rule=UNUSED_ID,
        name=UNUSED_NAME,
        category=UNUSED_CATEGORY,
        severity=Severity.INFO,
        message=f"This qa-{d.kind} {named} suppressed nothing; remove it.",
    )
