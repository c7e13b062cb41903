"""The document summary of a comparison: what share survives, and a one-word verdict.

Shares of the original's words: ``verbatim`` (unchanged and in order), ``substituted``
(replaced by other words), ``dropped`` (missing, beyond the part the copy never covered),
``moved`` (found elsewhere); ``added`` is a share of the copy's words; ``coverage`` is the
share of the original between the copy's first and last aligned words (an excerpt is < 1).

The verdict reads those figures over the covered part:

- ``verbatim``: 97 % of the words in order, at most 1 % substituted and 2 % dropped or added;
- ``edited``: under 6 % substituted (house-style edits, cuts, added furniture);
- ``spun``: more, mostly (``SPUN_ONE_TO_ONE``) word for word in place (a synonym spinner);
- ``translated``: more, with phrases of other lengths and moved clauses (a round trip
  through another language, or a rewrite).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qa.reference.compare import Comparison

#: Share of replacements that are word for word (same length, up to 3 words) from which a
#: heavily changed copy is ``spun`` rather than ``translated``. Our fixtures: the synonym spin
#: 0.81, the round-trip rewording 0.42; dev case 001 (a round-trip translation) 0.62.
SPUN_ONE_TO_ONE = 0.7

REPLACED = ("substituted", "quotation", "number", "name")
DROPPED = ("dropped-words", "dropped-passage")
ADDED = ("added-words", "added-passage", "duplicated")


def summarise(comparison: "Comparison", original_path: str) -> dict[str, Any]:
    a, b = comparison.original, comparison.copy
    aligned_a = [False] * len(a)
    aligned_b = [False] * len(b)
    for i, j, n in comparison.blocks:
        aligned_a[i : i + n] = [True] * n
        aligned_b[j : j + n] = [True] * n
    counts = dict.fromkeys(("substituted", "dropped", "moved", "added", "excerpt"), 0)
    one_to_one = replaced = 0
    for c in comparison.edits:
        g = c.gap
        lost = sum(not x for x in aligned_a[g.a0 : g.a1])
        if c.kind in REPLACED:
            counts["substituted"] += lost
            replaced += 1
            one_to_one += (g.a1 - g.a0) == (g.b1 - g.b0) <= 3
        elif c.kind in DROPPED:
            counts["dropped"] += lost
        elif c.kind == "excerpt":
            counts["excerpt"] += lost
        elif c.kind == "moved":
            counts["moved"] += g.a1 - g.a0
        if c.kind in ADDED or c.note.startswith("extra"):  # text past the original's ends is added too
            counts["added"] += sum(not x for x in aligned_b[g.b0 : g.b1])
    total_a, total_b = max(len(a), 1), max(len(b), 1)
    covered = max(len(a) - counts["excerpt"], 1)
    figures = {
        "original": original_path,
        "original_words": len(a),
        "copy_words": len(b),
        "verbatim": round(comparison.verbatim / total_a, 3),
        "substituted": round(counts["substituted"] / total_a, 3),
        "dropped": round(counts["dropped"] / total_a, 3),
        "moved": round(counts["moved"] / total_a, 3),
        "added": round(counts["added"] / total_b, 3),
        "coverage": round(covered / total_a, 3),
    }
    figures["verdict"] = _verdict(counts, comparison.verbatim / covered, covered, total_b, one_to_one / max(replaced, 1))
    return figures


def _verdict(counts: dict[str, int], verbatim: float, covered: int, total_b: int, one_to_one: float) -> str:
    substituted = counts["substituted"] / covered
    if verbatim >= 0.97 and substituted <= 0.01 and counts["dropped"] / covered <= 0.02 and counts["added"] / total_b <= 0.02 and not counts["moved"]:
        return "verbatim"
    if substituted < 0.06:
        return "edited"
    if one_to_one >= SPUN_ONE_TO_ONE and counts["moved"] / covered < 0.05:
        return "spun"
    return "translated"


def summary_line(figures: dict[str, Any]) -> str:
    """One line for the text report."""
    def pct(key: str) -> str:
        return f"{100 * figures[key]:.0f}%"

    return (
        f"against {figures['original']}: {figures['verdict']} — {pct('verbatim')} of the original verbatim, "
        f"{pct('substituted')} substituted, {pct('dropped')} dropped, {pct('moved')} moved; "
        f"{pct('added')} of the copy added; covers {pct('coverage')} of the original"
    )
