"""The document scores: two signals (machine-translated, damaged by scraping), their learned
models, the short-text rule, story groups and grouped cross-validation."""

from __future__ import annotations

import json
import math

import pytest
from conftest import CORPUS, ROOT

from qa import mtscore
from qa.docscore import features
from qa.docscore.groups import folds, mentioned, read_groups_file, story_groups
from qa.docscore.model import Model, auc, fit, load
from qa.docscore.signals import MT, SCRAPED
from qa.errors import QaError
from qa.finding import Finding, Severity
from qa.source import Source

WIRE = (
    "Port workers in the northern city ended a three-day strike on Thursday after the regional "
    "government agreed to review their pay, union leaders said. The dispute had left dozens of "
    "container ships waiting offshore and forced two ferry operators to cancel crossings over the "
    'weekend. "We did not want to stop the port, but we had no other choice," said Maria Keller, '
    'who leads the dockers\' union. "Now we expect the talks to move quickly." The regional transport '
    "minister told reporters that a first meeting with the union was planned for next Tuesday and "
    "that overtime rules would be on the table. Shipping companies welcomed the agreement but warned "
    "that clearing the backlog could take more than a week.\n"
)
SCRAPED_PAGE = (
    "Harbour Daily News\nShare on Facebook Share on Twitter Share via Email\n\n" + WIRE
    + "\nPhoto: Jan Novak/Harbour Daily\nRead also: Ferry fares to rise next month\n"
)


def finding(category: str, severity=Severity.WARNING) -> Finding:
    return Finding(0, 1, "X001", "x.y", category, severity, "m", 1, 1, 1, 2, "x")


# ----- the model -------------------------------------------------------------------------


def test_fit_separates_and_round_trips():
    rows = [{"a": float(i), "b": 1.0} for i in range(10)]
    labels = [0] * 5 + [1] * 5
    m = fit(rows, labels, ["a", "b"], l2=0.1)
    scores = [m.predict(r) for r in rows]
    assert auc(scores, labels) == 1.0 and scores[-1] > 0.9 > 0.1 > scores[0]
    assert Model.from_dict(json.loads(json.dumps(m.to_dict()))).predict({"a": 7.0}) == pytest.approx(m.predict({"a": 7.0}), abs=1e-4)
    # a missing feature counts as average: it adds nothing to the logit
    assert m.contributions({"a": 4.5})["b"] == 0.0


def test_prior_moves_the_intercept_not_the_ranking():
    rows = [{"a": float(i)} for i in range(8)]
    labels = [0, 0, 1, 0, 1, 0, 1, 1]
    even, rare = fit(rows, labels, ["a"]), fit(rows, labels, ["a"], prior=0.25)
    assert rare.intercept == pytest.approx(even.intercept - math.log(3))
    assert auc([even.predict(r) for r in rows], labels) == auc([rare.predict(r) for r in rows], labels)


def test_auc_counts_ties_half():
    assert auc([0.9, 0.5, 0.5, 0.1], [1, 1, 0, 0]) == pytest.approx(0.875)


# ----- the two signals -------------------------------------------------------------------


def test_mt_never_reads_scraping_damage_and_scraping_never_reads_language():
    names = list(features.extract(Source("x.txt", WIRE), [finding(c) for c in features.GROUPS], lm=False))
    mt, scraped = set(MT.columns(names + ["lm.contrast_rate"])), set(SCRAPED.columns(names + ["lm.contrast_rate"]))
    assert {"find.residue", "find.credit", "find.duplicate", "find.other"}.isdisjoint(mt)
    assert "lm.contrast_rate" in mt and "lm.contrast_rate" not in scraped
    assert {"find.word", "find.order", "find.names", "find.foreign"}.isdisjoint(scraped)
    for name, model in load().items():
        assert set(model.features) <= set((MT if name == "mt" else SCRAPED).columns(list(model.features)))


def test_labels_keep_scraping_only_documents_out_of_mt():
    assert MT.label("positive", ["credit_or_caption_leak", "other"]) == 0
    assert SCRAPED.label("positive", ["credit_or_caption_leak", "other"]) == 1
    assert SCRAPED.label("positive", ["other"]) == 1  # punctuation damage alone: scraping
    assert MT.label("positive", ["mistranslated_word", "other"]) == 1
    assert SCRAPED.label("positive", ["mistranslated_word", "other"]) == 0
    assert MT.label("negative", []) == SCRAPED.label("negative", []) == 0


def test_residue_alone_does_not_make_a_text_machine_translated():
    source = Source("x.txt", WIRE)
    residue = [finding("cms_residue"), finding("cms_residue", Severity.ERROR), finding("credit_or_caption_leak")]
    clean, scraped = mtscore.scores(source, []), mtscore.scores(source, residue)
    assert scraped["mt"]["score"] == clean["mt"]["score"] and scraped["mt"]["verdict"] == "unlikely"
    assert scraped["scraping"]["verdict"] == "likely" and clean["scraping"]["verdict"] == "unlikely"
    translated = mtscore.scores(source, [finding("mistranslated_word")] * 4 + [finding("garbled_word_order")] * 2)
    assert translated["mt"]["verdict"] == "likely" and "mistranslated words" in translated["mt"]["evidence"]


def test_a_scraped_page_reports_two_signals(qa, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(SCRAPED_PAGE, encoding="utf-8")
    p = qa("check", "--no-cache", "--fail-on", "never", "--format", "json", str(page))
    f = json.loads(p.out)["files"][0]
    assert f["mt"]["verdict"] == "unlikely", f
    assert f["scraping"]["verdict"] == "likely" and f["scraping"]["score"] >= 0.6, f
    text = qa("check", "--no-cache", "--fail-on", "never", str(page)).out
    assert "likely damaged by scraping" in text and "probably not machine-translated" in text  # the verdict "unlikely", said in English


def test_short_text_gets_no_score_unless_a_finding_is_an_error(qa, tmp_path):
    short = "The minister said the the talks in Geneva would resume next week after a pause of several months, officials said.\n"
    assert not mtscore.scored([finding("garbled_word_order")], 20)
    assert mtscore.scored([finding("cms_residue", Severity.ERROR)], 20) and mtscore.scored([], 80)
    doc = tmp_path / "short.txt"
    doc.write_text(short, encoding="utf-8")
    p = qa("check", "--no-cache", "--fail-on", "never", "--fail-on-score", "0.5", "--format", "json", str(doc))
    f = json.loads(p.out)["files"][0]
    assert any(x["rule"] for x in f["findings"])  # the doubled word is still reported
    assert f["mt"] == {"score": None, "verdict": "unscored", "reason": "fewer than 80 words"}
    assert f["scraping"]["score"] is None and p.returncode == 0
    text = qa("check", "--no-cache", "--fail-on", "never", str(doc)).out
    assert "mt score: not scored (fewer than 80 words)" in text


# ----- story groups and folds ------------------------------------------------------------


def test_mentions_read_ranges_and_skip_different_stories():
    ids = [f"{i:03d}" for i in range(10)]
    assert mentioned("Cases 001-003 are copies; compare case 007.", ids) == {"001", "002", "003", "007"}
    assert mentioned("Same site as case 004 but a different story.", ids) == set()
    assert mentioned("About 150 people; case 042.", ids) == set()


def test_groups_from_notes_queries_and_file(tmp_path):
    metas = {
        "001": {"notes": "The original of case 002.", "retrieved_via": "q1"},
        "002": {"notes": "", "retrieved_via": "q2"},
        "003": {"notes": "", "retrieved_via": "q2"},
        "004": {"notes": "", "story": "s"},
        "005": {"notes": "", "story": "s"},
        "006": {"notes": ""},
    }
    for cid, meta in metas.items():
        (tmp_path / f"{cid}.json").write_text(json.dumps(meta), encoding="utf-8")
    groups = story_groups(tmp_path, sorted(metas))
    assert groups == {"001": "001", "002": "001", "003": "001", "004": "004", "005": "004", "006": "006"}
    (tmp_path / "g.tsv").write_text("# case group\n006 s2\n005 s2\n", encoding="utf-8")
    assert story_groups(tmp_path, sorted(metas), tmp_path / "g.tsv")["005"] == "005"
    parts = folds(groups, 2)
    assert sorted(sum(parts, [])) == sorted(metas)
    assert all(len({groups[c] for c in part} & {groups[c] for c in other}) == 0 for part in parts for other in parts if part is not other)
    with pytest.raises(QaError):
        folds(groups, 4)
    (tmp_path / "bad.tsv").write_text("006\n", encoding="utf-8")
    with pytest.raises(QaError, match="bad.tsv:1"):
        read_groups_file(tmp_path / "bad.tsv")


# ----- the shipped models ----------------------------------------------------------------


def test_shipped_parameters_record_their_held_out_figures():
    data = json.loads((ROOT / "qa" / "docscore" / "params.json").read_text(encoding="utf-8"))
    assert data["fitted_by"] == "scripts/calibrate_mtscore.py" and set(data["models"]) == {"mt", "scraping"}
    assert data["cross_validation"]["auc"]["damaged_vs_clean"] >= 0.90


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")
def test_grouped_cross_validation_on_the_dev_corpus():
    from qa.app import run_check
    from qa.docscore.crossval import corpus_rows, cross_validate, figures
    from qa.evaluate import load_corpus
    from qa.settings import Settings

    cases = load_corpus(CORPUS)
    report = run_check([str(CORPUS / f"{cid}.txt") for cid in cases], Settings())
    rows = corpus_rows(cases, report.files)
    groups = story_groups(CORPUS, [r.case for r in rows], ROOT / "scripts" / "dev-stories.tsv")
    figs = figures(rows, cross_validate(rows, folds(groups, 5)))
    assert figs["damaged_vs_clean"] >= 0.90 and figs["mt_vs_clean"] >= 0.85, figs


def test_damage_features_never_weigh_against_damage():
    from qa.docscore.crossval import Row, fit_signal

    # residue anti-correlated with the label in this sample: the fit must drop it, not use it
    rows = [
        Row(f"{i:03d}", "positive" if i % 2 else "negative",
            {"find.residue": float(i % 2 == 0), "find.credit": float(i % 2), "text.spaced_punct": 0.1 * i}, {"scraping": i % 2})
        for i in range(12)
    ]
    model = fit_signal(SCRAPED, rows)
    assert "find.residue" not in model.features and "find.credit" in model.features
    assert all(c >= 0 for f, c in zip(model.features, model.coef) if SCRAPED.damage(f))
    assert not MT.damage("text.variety") and MT.damage("find.word")
