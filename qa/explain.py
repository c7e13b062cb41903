"""Render one rule for ``qa explain``: description, data summary and examples."""

from __future__ import annotations

from qa.rulepack import Rule


def marked(text: str, spans) -> str:
    """A text with its spans wrapped in {{...}}, as pack examples write them."""
    out, pos = [], 0
    for start, end in spans:
        out += [text[pos:start], "{{", text[start:end], "}}"]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def explain_rule(rule: Rule) -> str:
    lines = [
        f"{rule.id} {rule.name}",
        f"  kind: {rule.kind}   category: {rule.category}   severity: {rule.severity.label}"
        f"   fix: {'safe' if rule.fix_safe else 'manual'}",
        f"  pack: {rule.pack}",
        "",
        rule.description,
        "",
        "Flagged:",
    ]
    for bad in rule.examples.bad:
        line = f"  - {marked(bad.text, bad.spans)}"
        if bad.suggestions:
            line += "  ->  " + " | ".join(s if s else "(delete)" for s in bad.suggestions)
        lines.append(line)
    lines.append("Not flagged:")
    lines.extend(f"  - {g}" for g in rule.examples.good)
    if rule.examples.known_false_positives:
        lines.append("Known false positives:")
        lines.extend(f"  - {k}" for k in rule.examples.known_false_positives)
    return "\n".join(lines)
