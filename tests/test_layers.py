"""Data flows one way (TEAM.md): no module imports back up the flow, lazily or not.

Every ``import`` in a module counts, including those inside functions (a lazy import is
still a dependency); only ``if TYPE_CHECKING:`` blocks are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

QA = Path(__file__).resolve().parent.parent / "qa"


def imports(module: str) -> set[str]:
    path = QA.joinpath(*module.split(".")[1:]).with_suffix(".py")
    if not path.exists():
        path = QA.joinpath(*module.split(".")[1:], "__init__.py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
               for body in node.body for n in ast.walk(body)}
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("qa"):
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("qa"))
    return out


@pytest.mark.parametrize(
    "lower, upper",
    [
        ("qa.adapters.readability", "qa.run"),
        ("qa.parallel", "qa.app"),
        ("qa.segment", "qa.source"),
        ("qa.cluster.archive", "qa.app"),
        ("qa.cluster.paths", "qa.app"),
        ("qa.cluster", "qa.app"),
    ],
)
def test_no_import_back_up_the_flow(lower, upper):
    assert not any(m == upper or m.startswith(upper + ".") for m in imports(lower)), f"{lower} imports {upper}"
