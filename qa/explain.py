"""Render one rule for ``qa explain``: description, data summary and examples."""

from __future__ import annotations

from qa.rulepack import Rule


def explain_builtin(key: str) -> str | None:
    """Findings that come from qa itself or a grammar engine rather than from a pack."""
    from qa.suppress import UNUSED_ID

    if key in (UNUSED_ID, "qa.unused-suppression"):
        return (
            f"{UNUSED_ID} qa.unused-suppression\n"
            "  source: qa itself (inline suppressions)   category: suppression   severity: info\n\n"
            "A <!-- qa-disable ... --> or <!-- qa-disable-next-line ... --> comment in Markdown or HTML\n"
            "suppressed no finding: the text it guarded is clean now, or it names the wrong rule.\n"
            "Delete the comment, or correct the rule it names. --ignore QA001 hides these reports."
        )
    from qa.invisible import RULE_ID, RULE_NAME

    if key in (RULE_ID, RULE_NAME):
        return (
            f"{RULE_ID} {RULE_NAME}\n"
            "  source: qa itself (readers)   category: cms_residue   severity: warning   fix: safe\n\n"
            "A zero-width space, word joiner, zero-width joiner or non-joiner or a stray U+FEFF between two\n"
            "visible characters. Nobody sees it, but it splits the word for search, spell checks and\n"
            "every rule ('V<U+200B>RC'). qa's rules see through it; this finding asks to delete it.\n"
            "Soft hyphens and joiners inside emoji sequences are not reported."
        )
    from qa.reference.rules import explain as explain_reference

    reference = explain_reference(key)
    if reference is not None:
        return reference
    for prefix, engine in (("harper.", "Harper (--grammar harper)"), ("lt.", "LanguageTool (--grammar languagetool)")):
        if key.startswith(prefix) and len(key) > len(prefix):
            return (
                f"{key}\n  source: {engine}   category: grammar\n\n"
                f"A rule of the grammar engine, reported under its own id ({key[len(prefix):]}); its\n"
                "message and replacements are the engine's. Severity follows qa's grammar policy\n"
                "(README, 'Readability and grammar'); --ignore grammar or the id silences it."
            )
    return None


def marked(text: str, spans) -> str:
    """A text with its spans wrapped in {{...}}, as pack examples write them."""
    out, pos = [], 0
    for start, end in spans:
        out += [text[pos:start], "{{", text[start:end], "}}"]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _computes_its_message(rule: Rule) -> bool:
    """Whether the message interpolates values the kind computes (a ratio, a count...)."""
    import string

    names = {name for _, name, _, _ in string.Formatter().parse(rule.message) if name}
    return bool(names - {"match", "suggestion"})


def explain_rule(rule: Rule) -> str:
    lines = [
        f"{rule.id} {rule.name}",
        f"  kind: {rule.kind}   category: {rule.category}   severity: {rule.severity.label}"
        f"   fix: {rule.fix}",
        f"  pack: {rule.pack}",
        "",
        rule.description,
        "",
        "Flagged:",
    ]
    computed = _computes_its_message(rule)
    for bad in rule.examples.bad:
        line = f"  - {marked(bad.text, bad.spans)}"
        if bad.suggestions:
            line += "  ->  " + " | ".join(s if s else "(delete)" for s in bad.suggestions)
        lines.append(line)
        if computed:  # the rule measures something: show what it says about the example
            from qa.examples import run_rule

            lines.extend(f"      says: {f.message}" for f in run_rule(rule, bad.text))
    lines.append("Not flagged:")
    lines.extend(f"  - {g}" for g in rule.examples.good)
    if rule.examples.known_false_positives:
        lines.append("Known false positives:")
        lines.extend(f"  - {k}" for k in rule.examples.known_false_positives)
    return "\n".join(lines)
