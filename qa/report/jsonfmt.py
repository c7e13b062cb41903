"""The JSON report: the versioned contract (schema ``mtqa-report/2``) other tools rely on."""

from __future__ import annotations

import json

from qa.report import SCHEMA, summary
from qa.run import Report


def to_dict(report: Report) -> dict:
    return {
        "schema": SCHEMA,
        "files": [
            {
                "path": f.path,
                "words": f.words,
                "findings": [x.to_dict() for x in f.findings],
                "errors": list(f.errors),
                **f.extras,
            }
            for f in report.files
        ],
        "errors": list(report.errors),
        "summary": summary(report),
    }


def render(report: Report) -> str:
    # No indent: the C encoder only runs without one (a third of a cached 600-file run otherwise).
    return json.dumps(to_dict(report), ensure_ascii=False) + "\n"
