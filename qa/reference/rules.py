"""The rules of reference mode: one per kind of change, with stable ids, and their findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping

from qa.finding import Finding, Severity
if TYPE_CHECKING:
    from qa.reference.compare import Comparison

CATEGORY = "reference"


@dataclass(frozen=True)
class RefRule:
    id: str
    kind: str  # the Change kind it reports
    name: str
    severity: Severity
    summary: str
    message: str  # {copy}, {original}, {note}, {words} are filled in


RULES: tuple[RefRule, ...] = (
    RefRule("REF001", "substituted", "reference.substituted-words", Severity.WARNING,
            "words the copy replaced (a spinner's or translator's synonym)",
            "replaced: the original has '{original}'"),
    RefRule("REF002", "quotation", "reference.altered-quotation", Severity.ERROR,
            "a quotation that no longer says what the original quotes",
            "quotation altered: the original quotes '{original}'"),
    RefRule("REF003", "number", "reference.changed-number", Severity.ERROR,
            "a number, date or amount that differs from the original",
            "number, date or amount changed: the original has '{original}'"),
    RefRule("REF004", "name", "reference.changed-name", Severity.ERROR,
            "a name changed, or replaced by a common noun",
            "name changed: the original has '{original}'"),
    RefRule("REF005", "dropped-words", "reference.dropped-words", Severity.WARNING,
            "words of the original missing here (attribution, a linked phrase)",
            "dropped here: '{dropped}'"),
    RefRule("REF006", "dropped-passage", "reference.dropped-passage", Severity.WARNING,
            "a sentence or passage of the original missing here",
            "dropped here: {words} of the original ('{dropped}')"),
    RefRule("REF007", "added-words", "reference.added-words", Severity.INFO,
            "words the original does not have",
            "added: the original has no '{copy}' here"),
    RefRule("REF008", "added-passage", "reference.added-passage", Severity.WARNING,
            "a sentence or passage the original does not have (boilerplate, page furniture)",
            "added: {words} that the original does not have"),
    RefRule("REF009", "moved", "reference.moved-passage", Severity.INFO,
            "a sentence or clause of the original that stands elsewhere in the copy",
            "moved: {note}"),
    RefRule("REF010", "duplicated", "reference.duplicated-passage", Severity.WARNING,
            "a passage of the original that the copy repeats",
            "duplicated: the copy already has this passage of the original"),
    RefRule("REF011", "excerpt", "reference.excerpt", Severity.INFO,
            "the copy starts later or ends earlier than the original",
            "the copy {edge}: {words} ('{dropped}')"),
)

BY_KIND: Mapping[str, RefRule] = {r.kind: r for r in RULES}


_EDGES = {
    "before": "starts later than the original, which begins with",
    "after": "stops before the end of the original, which goes on with",
    "extra-before": "begins with text the original does not have",
    "extra-after": "goes on after the end of the original",
}


def _words(n: int) -> str:
    return f"{n} word" if n == 1 else f"{n} words"


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def findings(comparison: "Comparison", severities: Mapping[str, Severity] | None = None) -> list[Finding]:
    """Reference findings in the copy's coordinates (severity overrides by id, name or category)."""
    a, copy = comparison.original, comparison.copy.source
    out = []
    for c in comparison.changes:
        rule = BY_KIND[c.kind]
        text = copy.text[c.start : c.end]
        dropped = a.text(c.gap.a0, c.gap.a1) or text
        edge = _EDGES.get(c.note, "")
        values = {
            "copy": _short(text), "original": _short(c.original or ""), "note": c.note,
            "dropped": _short(dropped), "words": _words(len(dropped.split())), "edge": edge,
        }
        raw_start, raw_end, line, column, end_line, end_column = copy.locate(c.start, c.end)
        out.append(Finding(
            start=raw_start, end=raw_end, rule=rule.id, name=rule.name, category=CATEGORY,
            severity=_severity(rule, severities or {}), message=rule.message.format(**values),
            line=line, column=column, end_line=end_line, end_column=end_column, text=text,
            suggestions=() if c.original is None else (c.original,),
        ))
    return out


def _severity(rule: RefRule, severities: Mapping[str, Severity]) -> Severity:
    for key in (rule.id, rule.name, CATEGORY):
        if key in severities:
            return severities[key]
    return rule.severity


def explain(key: str) -> str | None:
    """``qa explain REF001`` (or its dotted name)."""
    for r in RULES:
        if key in (r.id, r.name):
            return (
                f"{r.id} {r.name}\n  source: reference mode (qa check --against ORIGINAL)   category: {CATEGORY}"
                f"   severity: {r.severity.label}\n\nReports {r.summary}: the copy is compared word by word with "
                "the original,\nand the finding's suggestion is the original's wording for the span. "
                "See README, 'Reference mode'."
            )
    return None
