"""Issue 13, memory: a checked document's report keeps its text, not the tables built to check it."""

from __future__ import annotations

from conftest import FIXTURES

from qa.app import engine_parts
from qa.run import check_source
from qa.settings import Settings
from qa.source import Source

TEXT = (FIXTURES / "articles" / "damaged-summit.txt").read_text(encoding="utf-8")


def test_a_report_keeps_the_text_but_not_the_tables():
    engine, annotators = engine_parts(Settings(cache_dir=None), [])
    source = Source("a.txt", TEXT)
    report = check_source(source, engine, annotators)
    assert report.source is source and source.text == TEXT and source.raw == TEXT
    kept = set(vars(source))
    assert "tokens" not in kept and "sentences" not in kept
    assert not any(k.startswith("_") and k != "line_index" for k in kept), kept
    again = check_source(source, engine, annotators)  # the tables are rebuilt on demand
    assert again.findings == report.findings and again.words == report.words


def test_release_keeps_positions():
    source = Source("a.txt", "One line.\nTwo lines.\n")
    before = source.locate(10, 13)
    _ = source.tokens, source.sentences, source.quotes
    source.release()
    assert source.locate(10, 13) == before and source.words == 4


def test_memo_computes_a_table_once_and_release_drops_it():
    source = Source("a.txt", "One line.\n")
    calls = []

    def build():
        calls.append(1)
        return ["table"]

    first = source.memo("_test_table", build)
    assert source.memo("_test_table", build) is first and len(calls) == 1
    source.release()
    assert source.memo("_test_table", build) == ["table"] and len(calls) == 2  # rebuilt on demand
