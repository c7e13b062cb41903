"""Issue 13, cold start: derived tables kept between runs (qa/tables.py) change nothing but time."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa import tables


@pytest.fixture
def cache(tmp_path, monkeypatch):
    from qa.seal import secret

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv(tables.ENV, raising=False)
    monkeypatch.setitem(tables._state, "on", True)
    secret.cache_clear()  # the seal's secret lives under this test's cache home
    yield tmp_path / "qa" / "tables"
    secret.cache_clear()  # and not beyond it


def _source(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "source.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_built_once_then_read_back(cache, tmp_path):
    src = _source(tmp_path, "a 1\nb 2\n")
    calls = []

    def build():
        calls.append(1)
        return {"a": 1, "b": (2, 3.5)}

    assert tables.load("t", [src], build) == {"a": 1, "b": (2, 3.5)}
    assert tables.load("t", [src], build) == {"a": 1, "b": (2, 3.5)}
    assert len(calls) == 1 and len(list(cache.glob("t-*.marshal"))) == 1
    src.write_text("a 1\nb 3\n", encoding="utf-8")  # new source bytes: a new table, the old one goes
    tables.load("t", [src], build)
    assert len(calls) == 2 and len(list(cache.glob("t-*.marshal"))) == 1


def test_a_damaged_file_is_rebuilt(cache, tmp_path):
    src = _source(tmp_path, "x")
    tables.load("t", [src], lambda: [1, 2, 3])
    (stored,) = cache.glob("t-*.marshal")
    data = bytearray(stored.read_bytes())
    data[-1] ^= 0xFF  # a flipped bit in the payload
    stored.write_bytes(bytes(data))
    assert tables.load("t", [src], lambda: [4]) == [4]


def test_off_unless_enabled_and_for_values_marshal_cannot_hold(cache, tmp_path, monkeypatch):
    src = _source(tmp_path, "x")
    assert tables.load("t", [src], lambda: {"k": object}) == {"k": object}  # not storable: built
    monkeypatch.setitem(tables._state, "on", False)  # a library user: nothing written
    assert tables.load("u", [src], lambda: 1) == 1
    monkeypatch.setitem(tables._state, "on", True)
    monkeypatch.setenv(tables.ENV, "0")
    assert tables.load("v", [src], lambda: 1) == 1
    assert not cache.exists() or list(cache.iterdir()) == []


def test_the_real_tables_read_back_equal(cache):
    import pyphen

    from qa import counts, lexicon
    from qa.adapters import readability

    for fresh in (True, False):  # built and stored, then read back
        readability._syllables.cache_clear()
        lexicon._load.cache_clear()
        counts._pyphen.cache_clear()
        pyphen.hdcache.clear()
        syl, lex, hyph = readability._syllables(), lexicon._load("en"), counts._pyphen()
        assert len(list(cache.iterdir())) == 3
        assert dict(syl) == readability._read_syllables(Path(readability.__file__).parent.parent / "data" / "cmu-syllables.txt")
        assert (lex.table, lex.packed_rest) == lexicon._read(lexicon._data_dir() / "large_en.msgpack.gz")
        parsed = pyphen.HyphDict(pyphen.LANGUAGES["en_US"])
        assert vars(hyph.hd).keys() == vars(parsed).keys()
        assert hyph.hd.patterns == parsed.patterns and hyph.hd.maxlen == parsed.maxlen
        for word in ("hyphenation", "internationalisation", "qwertyuiop", "a"):
            assert hyph.positions(word) == pyphen.Pyphen(lang="en_US", cache=False).positions(word)
    readability._syllables.cache_clear()
    lexicon._load.cache_clear()
    counts._pyphen.cache_clear()
    pyphen.hdcache.clear()


def test_a_table_planted_without_the_users_seal_is_rebuilt(cache, tmp_path):
    import marshal

    src = _source(tmp_path, "x")
    tables.load("t", [src], lambda: [1, 2, 3])
    (stored,) = cache.glob("t-*.marshal")
    forged = marshal.dumps([9, 9, 9])  # someone else's table under the same name
    stored.write_bytes(b"0" * 64 + b"\n" + forged)
    assert tables.load("t", [src], lambda: [1, 2, 3]) == [1, 2, 3]
