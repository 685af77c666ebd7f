"""Hand-written emails (tests/fixtures/emails) judged as a support lead would.

Each `NAME.txt` has a `NAME.expected.toml`: `must` (rules that must be found),
`must_not` (rules that must not), and optionally `clean = true` (no error or warning),
`errors = N` / `warnings = N` (exact counts).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from sr_tui.core.lint import lint

EMAILS = Path(__file__).parents[1] / "fixtures" / "emails"
CASES = sorted(EMAILS.glob("*.txt"))


def test_there_are_enough_hand_written_emails():
    assert len(CASES) >= 15
    assert any(p.name.startswith("good-") for p in CASES)
    assert any(p.name.startswith("bad-") for p in CASES)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_hand_written_email(path: Path):
    expected = tomllib.loads(path.with_suffix(".expected.toml").read_text(encoding="utf-8"))
    findings = lint(path.read_text(encoding="utf-8"))
    got = {f.rule for f in findings}
    report = "\n".join(f"{f.line}:{f.column} {f.severity} {f.rule} {f.match!r}" for f in findings)
    assert set(expected.get("must", [])) <= got, report
    assert not set(expected.get("must_not", [])) & got, report
    if expected.get("clean"):
        assert not [f for f in findings if f.severity in ("error", "warning")], report
    for key, severity in (("errors", "error"), ("warnings", "warning")):
        if key in expected:
            assert sum(f.severity == severity for f in findings) == expected[key], report
