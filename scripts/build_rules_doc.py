"""Regenerate docs/rules.md, the rules reference, from the packs in rules/.

    python scripts/build_rules_doc.py

tests/test_rules_doc.py fails when the committed file is stale.
"""

from __future__ import annotations

from pathlib import Path

from qa.explain import marked
from qa.rulepack import load_rules

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "rules.md"


def _flat(text: str) -> str:
    """One Markdown line: line breaks shown, carriage returns spelled out."""
    return text.replace("\r", "\\r").replace("\n", " ⏎ ")


def render() -> str:
    rules = load_rules([ROOT / "rules"])
    out = [
        "# Rules reference",
        "",
        "Generated from `rules/*.yaml` by `scripts/build_rules_doc.py`; do not edit by hand.",
        "",
        "| id | name | kind | category | severity | fix |",
        "|---|---|---|---|---|---|",
    ]
    for r in rules:
        out.append(f"| [{r.id}](#{r.id.lower()}) | `{r.name}` | {r.kind} | {r.category} | {r.severity.label} | {r.fix} |")
    for r in rules:
        out += ["", f"## {r.id}", "", f"`{r.name}` · pack `{Path(r.pack).name}` · {r.kind} · {r.category} · {r.severity.label}", ""]
        out += [r.description, "", "Flagged:", ""]
        for bad in r.examples.bad:
            line = f"- {_flat(marked(bad.text, bad.spans))}"
            if bad.suggestions:
                line += " → " + " | ".join(s if s else "(delete)" for s in bad.suggestions)
            out.append(line)
        out += ["", "Not flagged:", ""]
        out += [f"- {_flat(g)}" for g in r.examples.good]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT}")
