"""Shape rules hold on shapes they were not written from (issue 11): bad examples written in
wordings, sites and layouts unlike the packs and the corpus (other CMSs, agencies, languages'
labels, separators, placeholders) are each caught by a rule of the expected family, and
legitimate copy aimed at the risky rules gets no warning."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from qa.engine import Engine, RuleSet
from qa.rulepack import default_pack_dir, load_rules
from qa.source import Source

ENGINE = Engine(RuleSet(load_rules([default_pack_dir()])))


def _rows(name: str) -> list[str]:
    lines = (FIXTURES / "shapes" / name).read_text(encoding="utf-8").splitlines()
    return [line.replace("\\n", "\n") for line in lines if line.strip() and not line.startswith("#")]


def _warnings(text: str) -> list[str]:
    return sorted({f.rule for f in ENGINE.check(Source("<shape>", text)) if f.severity.name != "INFO"})


@pytest.mark.parametrize("row", _rows("bad.tsv"), ids=lambda r: r[:60])
def test_damage_in_another_shape_is_caught(row):
    family, text = row.split("\t", 1)
    assert any(rule.startswith(family) for rule in _warnings(text)), text


@pytest.mark.parametrize("text", _rows("good.tsv"), ids=lambda t: t[:60])
def test_legitimate_copy_gets_no_warning(text):
    assert _warnings(text) == []
