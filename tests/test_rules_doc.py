"""docs/rules.md is generated from the packs; it must not go stale."""

from __future__ import annotations

import importlib.util

from conftest import ROOT


def test_rules_reference_is_current():
    spec = importlib.util.spec_from_file_location("build_rules_doc", ROOT / "scripts" / "build_rules_doc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == module.render(), "docs/rules.md is stale: run python scripts/build_rules_doc.py"
