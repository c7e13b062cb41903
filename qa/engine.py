"""Run the enabled rules over a Source and return Findings in a stable order."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterable, Mapping, Sequence

from qa.errors import QaError
from qa.finding import Finding, Match, Severity
from qa.patterns import PatternSet
from qa.phrases import PhraseIndex
from qa.rulepack import Rule
from qa.source import Source


@dataclass(frozen=True)
class Selector:
    """``--select``/``--ignore``: each entry names a rule id, a dotted name, a category,
    an id prefix ("RES") or a name prefix ("residue", "lt")."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @staticmethod
    def _hits(entries: Sequence[str], rule_id: str, name: str, category: str) -> bool:
        for e in entries:
            if e in (rule_id, name, category) or rule_id.startswith(e) or name.startswith(e + "."):
                return True
        return False

    def wants(self, rule_id: str, name: str, category: str, enabled: bool = True) -> bool:
        if self.ignore and self._hits(self.ignore, rule_id, name, category):
            return False
        if self.select:
            return self._hits(self.select, rule_id, name, category)
        return enabled


class RuleSet:
    """The rules of one run, with their phrases compiled into one index."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules: tuple[Rule, ...] = tuple(rules)
        entries = []
        patterns: list = []
        #: owner -> indices into ``patterns`` of a rule that only phrases and patterns can fire
        self.gated: dict[int, range] = {}
        for owner, rule in enumerate(self.rules):
            assert rule.check is not None
            for phrase, payload in rule.check.phrases():
                entries.append((owner, phrase, payload))
            regexes = rule.check.regexes()
            if regexes is not None:
                self.gated[owner] = range(len(patterns), len(patterns) + len(regexes))
                patterns.extend(regexes)
        self.index = PhraseIndex(entries)
        self.patterns = PatternSet(patterns)

    def __len__(self) -> int:
        return len(self.rules)

    def selected(self, selector: Selector, severities: Mapping[str, Severity] | None = None) -> "RuleSet":
        chosen = [r for r in self.rules if selector.wants(r.id, r.name, r.category, r.enabled)]
        if severities:
            chosen = [_with_severity(r, severities) for r in chosen]
        return RuleSet(chosen)

    def find(self, key: str) -> Rule | None:
        for r in self.rules:
            if key in (r.id, r.name) or key in r.aliases:
                return r
        return None


def _with_severity(rule: Rule, severities: Mapping[str, Severity]) -> Rule:
    for key in (rule.id, rule.name, rule.category):
        if key in severities:
            new = replace(rule, severity=severities[key])
            object.__setattr__(new, "check", rule.check)
            return new
    return rule


#: Something besides pack rules that yields findings for a source (grammar engines).
Provider = Callable[[Source], Iterable[Finding]]


class Engine:
    def __init__(self, ruleset: RuleSet, providers: Sequence[Provider] = (), selector: Selector = Selector()) -> None:
        self.ruleset = ruleset
        self.providers = tuple(providers)
        self.selector = selector

    def check(self, source: Source, errors: list[str] | None = None) -> list[Finding]:
        """The document's findings in a stable order. A provider (an outside grammar engine) that
        fails raises ``QaError``; given ``errors``, its one line goes there instead and the pack
        rules' findings are still returned."""
        hits = self.ruleset.index.search(source.lower)
        matching = self.ruleset.patterns.matching(source.text)  # one RE2 pass for every pattern
        gated = self.ruleset.gated if matching is not None else {}
        findings: set[Finding] = set()
        for owner, rule in enumerate(self.ruleset.rules):
            assert rule.check is not None
            if owner in gated and owner not in hits and not any(i in matching for i in gated[owner]):
                continue  # none of its phrases or patterns is in the document
            for match in rule.check.run(source, hits.get(owner, ())):
                if not rule.quotes and source.in_quotes(match.start, match.end):
                    continue
                findings.add(make_finding(rule, source, match))
        for provider in self.providers:
            try:
                found = list(provider(source))
            except QaError as exc:
                if errors is None:
                    raise
                errors.append(str(exc))
                continue
            findings.update(f for f in found if self.selector.wants(f.rule, f.name, f.category))
        ordered = sorted(findings, key=lambda f: (f.start, f.end, f.rule))
        directives = source.meta.get("directives")
        if directives:  # <!-- qa-disable ... --> comments in Markdown/HTML
            from qa.suppress import apply_suppressions

            ordered = apply_suppressions(source, ordered, directives, self.selector)
        return ordered


def make_finding(rule: Rule, source: Source, match: Match) -> Finding:
    matched = source.text[match.start : match.end]
    suggestion = match.suggestions[0] if match.suggestions else ""
    values = {"match": matched, "suggestion": suggestion, **match.values}
    raw_start, raw_end, line, column, end_line, end_column = source.locate(match.start, match.end)
    return Finding(
        start=raw_start,
        end=raw_end,
        rule=rule.id,
        name=rule.name,
        category=rule.category,
        severity=rule.severity,
        message=rule.format_message(values),
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        text=matched,
        suggestions=match.suggestions,
        fixable=rule.fix_safe and bool(match.suggestions),
    )
