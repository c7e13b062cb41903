"""Fit the document signals (``mt``, ``scraping``) on an annotated corpus; measure them first.

    .venv/bin/python scripts/calibrate_mtscore.py ../shared/corpus/dev --groups scripts/dev-stories.tsv
    .venv/bin/python scripts/calibrate_mtscore.py ../shared/corpus/dev --groups scripts/dev-stories.tsv --write

Checks every case with the default settings, builds each document's features
(qa/docscore/features.py), then:

1. cross-validates with whole story groups per fold (``--folds``, default 5): both models are
   refitted inside each training fold and score the held-out fold; prints the held-out AUCs
   and every document's held-out scores;
2. with ``--test-from 101``, also fits on the cases before 101 and tests on the rest (the
   corpus's test fold of new stories);
3. fits both models on every document and prints their coefficients;
4. with ``--write``, stores them with the held-out figures in qa/docscore/params.json.

The language-model statistics (``lm.*``) are used when ``qa.lm.document_stats`` exists;
``--no-lm`` fits without them. Needs nothing beyond qa's own dependencies.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.app import run_check  # noqa: E402
from qa.docscore.crossval import corpus_rows, cross_validate, figures, fit_all  # noqa: E402
from qa.docscore.groups import folds, story_groups  # noqa: E402
from qa.docscore.model import PARAMS  # noqa: E402
from qa.docscore.signals import SIGNALS  # noqa: E402
from qa.errors import QaError  # noqa: E402
from qa.evaluate import load_corpus  # noqa: E402
from qa.mtscore import verdict  # noqa: E402
from qa.settings import Settings  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--groups", type=Path, help="case-id group lines (default: from the cases' notes)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-lm", action="store_true", help="leave out the language-model statistics")
    ap.add_argument("--test-from", metavar="ID", help="also fit on the cases before ID and test on the rest (e.g. 101)")
    ap.add_argument("--write", action="store_true", help=f"store the fitted models in {PARAMS.relative_to(ROOT)}")
    args = ap.parse_args(argv)

    cases = load_corpus(args.corpus)
    report = run_check([str(args.corpus / f"{cid}.txt") for cid in cases], Settings(jobs=1))
    rows = corpus_rows(cases, report.files, lm=not args.no_lm)
    groups = story_groups(args.corpus, [r.case for r in rows], args.groups)
    parts = folds(groups, args.folds)
    held = cross_validate(rows, parts)
    figs = figures(rows, held)

    print(f"{len(rows)} documents, {len(set(groups.values()))} story groups, {args.folds} folds")
    print("case kind      " + " ".join(f"{s.name:>9s}" for s in SIGNALS) + "   damaged  labels")
    for r in rows:
        h = held[r.case]
        labels = ",".join(n for n, v in r.labels.items() if v) or "-"
        print(f"{r.case}  {r.kind:8s} " + " ".join(f"{h[s.name]:9.3f}" for s in SIGNALS) + f" {h['damaged']:9.3f}  {labels}")
    print("held-out AUC: " + ", ".join(f"{k} {v:.3f}" for k, v in figs.items()))
    for s in SIGNALS:
        for label, name in ((1, s.meaning), (0, "not " + s.meaning)):
            verdicts = Counter(verdict(held[r.case][s.name]) for r in rows if r.labels[s.name] == label)
            print(f"held-out {s.name} verdicts, {name}: " + ", ".join(f"{v} {verdicts[v]}" for v in ("likely", "possible", "unlikely")))

    if args.test_from:
        test = [r.case for r in rows if r.case >= args.test_from]
        split = cross_validate(rows, [test])
        figs_split = figures([r for r in rows if r.case in set(test)], split)
        print(f"fitted on cases before {args.test_from}, tested on the {len(test)} from it: "
              + ", ".join(f"{k} {v:.3f}" for k, v in figs_split.items()))

    models = fit_all(rows)
    for name, m in models.items():
        print(f"{name}: intercept {m.intercept:+.3f}")
        for f, c in sorted(zip(m.features, m.coef), key=lambda fc: -abs(fc[1])):
            print(f"  {f:28s} {c:+.3f}")
    if args.write:
        data = {
            "fitted_by": "scripts/calibrate_mtscore.py",
            "corpus": args.corpus.name,
            "documents": len(rows),
            "commit": _commit(),
            "cross_validation": {"folds": args.folds, "groups": len(set(groups.values())), "auc": {k: round(v, 3) for k, v in figs.items()}},
            "models": {name: m.to_dict() for name, m in models.items()},
        }
        PARAMS.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {PARAMS.relative_to(ROOT)}")
    return 0


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


if __name__ == "__main__":
    try:
        sys.exit(main())
    except QaError as exc:
        sys.exit(f"calibrate_mtscore: {exc}")
