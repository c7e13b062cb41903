"""The grammar layer with Harper for real: findings, our severity policy, laziness."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import CORPUS

from qa.adapters.grammar import GrammarMatch, Policy, choose, severity, to_findings
from qa.settings import Settings
from qa.source import Source

BAD = "The minister said that he have went to the the meeting on Monday. This is an test of the system."


def _json(qa, *args):
    p = qa("check", "--format", "json", "--fail-on", "never", "--no-cache", *args)
    assert p.returncode == 0, p.err
    return json.loads(p.out)


def test_harper_finds_grammar_errors(qa, tmp_path):
    doc = tmp_path / "bad.txt"
    doc.write_text(BAD, encoding="utf-8")
    (f,) = _json(qa, "--grammar", "harper", str(doc))["files"]
    grammar = [x for x in f["findings"] if x["category"] == "grammar"]
    assert len(grammar) >= 2
    by_rule = {x["rule"]: x for x in grammar}
    assert by_rule["harper.AnA"]["text"] == "an" and by_rule["harper.AnA"]["suggestions"] == ["a"]
    assert by_rule["harper.RepeatedWords"]["text"] == "the the"
    for x in grammar:
        assert BAD[x["start"] : x["end"]] == x["text"]
        assert x["severity"] == "warning" and x["name"] == x["rule"].lower()


def test_select_and_ignore_apply_to_grammar(qa, tmp_path):
    doc = tmp_path / "bad.txt"
    doc.write_text(BAD, encoding="utf-8")
    rules = lambda *a: {x["rule"] for x in _json(qa, "--grammar", "harper", *a, str(doc))["files"][0]["findings"]}
    assert "harper.AnA" not in rules("--ignore", "harper.AnA")
    assert rules("--ignore", "grammar") & {"harper.AnA", "harper.RepeatedWords"} == set()
    assert rules("--select", "harper.AnA") == {"harper.AnA"}
    assert rules("--grammar", "off") & {"harper.AnA"} == set()


def _clean_documents():
    if not CORPUS.is_dir():
        pytest.skip("the shared dev corpus is not here")
    return [p.with_suffix(".txt") for p in sorted(CORPUS.glob("*.json"))
            if json.loads(p.read_text(encoding="utf-8"))["kind"] == "negative"]


def test_no_grammar_warning_on_clean_dev_texts_or_names(qa):
    """Even with the spell checker selected, nothing above info on clean copy, and no
    finding at all on a capitalised word (the names in these texts are spelled right)."""
    docs = _clean_documents()
    report = _json(qa, "--grammar", "harper", "--select", "grammar,spelling", *map(str, docs))
    for f in report["files"]:
        for x in f["findings"]:
            assert x["severity"] == "info", (f["path"], x)
            if x["rule"] == "harper.SpellCheck":
                assert not x["text"][:1].isupper(), (f["path"], x)


def _match(text: str, word: str, rule="harper.Test", kind="Grammar", spelling=False) -> GrammarMatch:
    start = text.index(word)
    return GrammarMatch(start, start + len(word), rule, "msg", ("x",), kind, spelling)


def test_policy():
    text = 'Theresa May will speak. "He have gone," she said. It are late. Blinken met Blinkin.'
    src = Source("t.txt", text)
    assert severity(_match(text, "May will", kind="Miscellaneous"), src) is not None
    assert severity(_match(text, "May will", kind="Miscellaneous"), src).label == "info"  # a name
    assert severity(_match(text, "have", kind="Agreement"), src).label == "info"  # quoted speech
    assert severity(_match(text, "are", kind="Agreement"), src).label == "warning"
    assert severity(_match(text, "are", kind="Style"), src).label == "info"
    assert severity(_match(text, "It are late.", rule="harper.LongSentences", kind="Readability"), src) is None
    # spelling: off unless selected; names spelled consistently are accepted
    spell = lambda w: _match(text, w, rule="harper.SpellCheck", kind="Spelling", spelling=True)
    assert severity(spell("Theresa"), src) is None
    on = Policy(select=("spelling",))
    assert severity(spell("Theresa"), src, on) is None
    assert severity(spell("Blinkin"), src, on).label == "info"  # two spellings of one name
    own = "Taemin sang. Taemin's album and SHINee's tour; SHINee split."
    possessive = lambda w: GrammarMatch(own.index(w), own.index(w) + len(w), "harper.SpellCheck", "msg", ("x",), "Spelling", True)
    assert severity(possessive("Taemin's"), Source("t.txt", own), on) is None  # a possessive is no variant
    assert severity(spell("late"), src, on).label == "info"
    assert severity(spell("late"), src, Policy(frozenset({"late"}), ("spelling",))) is None
    assert severity(spell("late"), src, on, other_dialect=lambda w: True) is None


def test_findings_use_raw_offsets():
    text = "This is an test."
    (f,) = to_findings(Source("t.txt", text), [_match(text, "an", kind="Miscellaneous")])
    assert (f.start, f.end, f.line, f.column, f.text, f.category) == (8, 10, 1, 9, "an", "grammar")
    assert f.suggestions == ("x",) and not f.fixable


def test_default_backend():
    assert choose(Settings()) == "off"  # opt-in: see DEFAULT
    assert choose(Settings(grammar="harper")) == "harper"
    assert choose(Settings(languagetool_url="http://127.0.0.1:8081")) == "languagetool"
    assert choose(Settings(grammar="off", languagetool_url="http://x")) == "off"


def test_harper_loads_lazily():
    code = (
        "import sys\n"
        "from qa.app import build_engine\n"
        "from qa.settings import Settings\n"
        "build_engine(Settings(grammar='harper'), [])\n"
        "assert 'harper' not in sys.modules, 'harper imported before the first document'\n"
        "build_engine(Settings(grammar='off'), [])\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr


def test_british_spelling_is_not_flagged():
    from qa.adapters.harper import Harper

    h = Harper()
    assert h.other_dialect("stabilise") and h.other_dialect("storey")
    assert not h.other_dialect("goverment")


def test_harper_gets_paragraph_chunks_with_their_offsets():
    """Issue 13: a long document goes to Harper in chunks of whole paragraphs; a finding in a
    later chunk keeps its offset in the document."""
    from qa.adapters.harper import CHUNK, Harper, chunks

    text = ("The ministers met in Vienna on Thursday and agreed to meet again.\n\n" * 600) + "He ate a apple.\n"
    pieces = list(chunks(text, CHUNK))
    assert len(pieces) > 2 and pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(a[1] == b[0] and b[1] - b[0] <= CHUNK for a, b in zip(pieces, pieces[1:]))
    assert all(text[end - 2 : end] == "\n\n" for _, end in pieces[:-1])  # cut after a blank line
    found = [m for m in Harper().check(text) if text[m.start : m.end].lower() in ("a", "a apple")]
    assert found and all(m.start >= len(text) - 20 for m in found)


def test_a_failing_grammar_engine_keeps_the_rules_findings():
    """A grammar server that times out costs its own findings and one error line, never the
    pack rules' findings for the same document."""
    from qa.app import annotators, build_engine
    from qa.engine import Engine
    from qa.errors import EngineError
    from qa.run import check_source
    from qa.settings import Settings

    def down(source):
        raise EngineError("LanguageTool at http://127.0.0.1:9: no answer within 20 s; not asked again in this run")
        yield  # a generator, like the real provider

    settings = Settings()
    base = build_engine(settings, [])
    engine = Engine(base.ruleset, [down], selector=base.selector)
    source = Source("story.txt", "Officials met the VRC delegation on Monday.\n")
    report = check_source(source, engine, annotators(settings))
    assert [f.rule for f in report.findings if f.text == "VRC"], report.findings
    assert report.errors == ["story.txt: LanguageTool at http://127.0.0.1:9: no answer within 20 s; not asked again in this run"]
    assert "mt" in report.extras
    with pytest.raises(EngineError):
        engine.check(source)  # without an errors list the failure still goes up
