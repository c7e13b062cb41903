"""Pack lint: RE2's ``\\b`` is ASCII-only, so a ``\\b`` after a word that ends in a non-ASCII
letter ("czytaj też\\b", "читайте также\\b") never matches and the whole alternative is dead.
Every ``\\b`` that follows a group must follow alternatives that end in ASCII."""

from __future__ import annotations

from qa.rulepack import default_pack_dir, load_rules

RULES = load_rules([default_pack_dir()])


def _alternatives_before(pattern: str, close: int) -> list[str]:
    """The top-level alternatives of the group that ends at ``pattern[close]`` (a ')')."""
    depth, i = 0, close
    while i >= 0:
        if pattern[i] == ")" and pattern[i - 1 : i] != "\\":
            depth += 1
        elif pattern[i] == "(" and pattern[i - 1 : i] != "\\":
            depth -= 1
            if depth == 0:
                break
        i -= 1
    inner = pattern[i + 1 : close]
    if inner.startswith("?"):
        inner = inner[inner.index(":") + 1 :] if ":" in inner[:12] else inner
    parts, level, current = [], 0, ""
    for ch in inner:
        level += ch in "([" and 1 or (ch in ")]" and -1 or 0)
        if ch == "|" and level == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    return parts + [current]


def dead_boundaries(pattern: str) -> list[str]:
    dead = []
    start = 0
    while (at := pattern.find("\\b", start)) >= 0:
        start = at + 2
        before = pattern[at - 1] if at else ""
        if before == ")":
            dead += [a for a in _alternatives_before(pattern, at - 1) if a[-1:].isalpha() and not a[-1:].isascii()]
        elif before.isalpha() and not before.isascii():
            dead.append(pattern[max(0, at - 12) : at])
    return dead


def test_no_word_boundary_after_a_non_ascii_letter():
    problems = []
    for rule in RULES:
        for key in ("pattern", "exclude", "exclude_context"):
            values = rule.data.get(key) or ()
            for p in [values] if isinstance(values, str) else values:
                if dead := dead_boundaries(p):
                    problems.append(f"{rule.id} {key}: {dead}")
    assert problems == []


def test_the_lint_sees_a_dead_boundary():
    assert dead_boundaries(r"(?:lees ook|czytaj też)\b") == ["czytaj też"]
    assert dead_boundaries(r"(?:lees ook|read also)\b") == []
