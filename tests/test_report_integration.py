"""The pre-commit hook and the composite GitHub Action: well-formed, and the action's check
step really runs qa and records its exit status."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT


def test_pre_commit_hook():
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "qa" and hook["entry"] == "qa check" and hook["language"] == "python"
    assert hook["types_or"] == ["markdown", "html", "plain-text"]


def test_action_is_composite_with_the_documented_inputs():
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    assert {"paths", "fail-on", "config", "format", "sarif-file"} <= set(action["inputs"])
    uses = [s.get("uses", "") for s in action["runs"]["steps"]]
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    for step in action["runs"]["steps"]:  # inputs reach scripts through env, never inline
        assert "${{" not in step.get("run", "")


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("fmt", ["github", "sarif"])
def test_action_check_step_runs_qa(tmp_path, fmt):
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    (step,) = [s for s in action["runs"]["steps"] if s.get("id") == "check"]
    (tmp_path / "story.txt").write_text("Trade with the VRC grew.\n", encoding="utf-8")
    out = tmp_path / "github_output"
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_OUTPUT": str(out),
        "QA_PATHS": "story.txt",
        "QA_FAIL_ON": "warning",
        "QA_CONFIG": "",
        "QA_FORMAT": fmt,
        "QA_SARIF": "qa.sarif",
        "NO_COLOR": "1",
    }
    proc = subprocess.run(["bash", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert out.read_text() == "exit-code=1\n"
    if fmt == "github":
        assert "::warning file=story.txt,line=1,col=16" in proc.stdout
    else:
        assert '"ruleId": "FRN001"' in (tmp_path / "qa.sarif").read_text(encoding="utf-8")
