"""README's layout section names every package of qa/ and every top-level folder."""

from __future__ import annotations

from conftest import ROOT


def _layout() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("\n## Layout\n")
    return text[start : text.index("\n## ", start + 1)]


def test_layout_names_every_package():
    layout = _layout()
    packages = sorted(p.parent.name for p in (ROOT / "qa").glob("*/__init__.py"))
    assert {"cluster", "web", "reference", "docscore", "lm"} <= set(packages)
    missing = [name for name in packages if f"qa/{name}/" not in layout]
    assert missing == [], f"README's layout does not mention {missing}"


def test_layout_names_every_top_level_folder():
    layout = _layout()
    folders = ["qa", "rules", "tests", "fixtures", "bench", "scripts", "docs"]
    assert [f for f in folders if (ROOT / f).is_dir() and f"\n{f}/" not in layout] == []
