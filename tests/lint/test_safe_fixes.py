"""A safe fix can be applied blindly: it never makes the email worse.

Over the corpus, the hand-written fixture emails, the seed texts and the 31 templates
rendered with realistic values: applying any one safe fix, or all of them together,
gives a text with no new error or warning of any rule, and the fixed finding is gone.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import EXPECTED, FIXTURES

from sr_tui.core.lint import Finding, apply_fix, lint

CORPUS = Path(__file__).parent / "corpus"
TEXTS = {
    **{f"corpus/{p.stem}": p for p in sorted(CORPUS.glob("*.txt"))},
    **{f"emails/{p.stem}": p for p in sorted((FIXTURES / "emails").glob("*.txt"))},
    **{f"seed/{p.stem}": p for p in sorted(EXPECTED.glob("*.txt"))},
}
TEMPLATE_IDS = sorted(p.stem for p in EXPECTED.glob("*.txt"))


def _bad(findings: list[Finding]) -> Counter[tuple[str, str]]:
    return Counter((f.rule, f.severity) for f in findings if f.severity in ("error", "warning"))


def _report(findings: list[Finding]) -> str:
    return "\n".join(f"  {f.line}:{f.column} {f.severity} {f.rule} {f.match!r}" for f in findings)


def apply_all(text: str, findings: list[Finding]) -> str:
    """Every safe fix at once, from the end, skipping fixes that overlap a later one."""
    safe = sorted((f for f in findings if f.fix and f.fix.safe), key=lambda f: (f.start, f.end))
    out = text
    limit = len(text) + 1
    for f in reversed(safe):
        if f.end > limit or (f.end == limit and f.start < f.end):
            continue
        out = apply_fix(out, f)
        limit = f.start
    return out


def check_text(text: str) -> int:
    """Assert the property for every safe fix in `text`; return how many were checked."""
    before = lint(text)
    bad = _bad(before)
    checked = 0
    for f in before:
        if not (f.fix and f.fix.safe):
            continue
        fixed = apply_fix(text, f)
        after = lint(fixed)
        new = _bad(after) - bad
        where = f"{f.rule} {f.match!r} -> {f.fix.replacement!r}\n{fixed}\n{_report(after)}"
        assert not new, f"new error/warning {dict(new)} after {where}"
        same = [g for g in after if g.rule == f.rule]
        assert len(same) < sum(g.rule == f.rule for g in before), f"still fires: {where}"
        checked += 1
    if checked:
        fixed = apply_all(text, before)
        after = lint(fixed)
        new = _bad(after) - bad
        assert not new, f"new error/warning {dict(new)} after all fixes:\n{fixed}\n{_report(after)}"
    return checked


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_safe_fixes_never_make_an_email_worse(name):
    check_text(TEXTS[name].read_text(encoding="utf-8").removesuffix("\n"))


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
@pytest.mark.parametrize("layout", ["as-written", "flowed"])
def test_safe_fixes_on_rendered_templates(catalog, realistic_values, template_id, layout):
    from sr_tui.core.templates.render import render

    check_text(render(catalog.get(template_id), realistic_values, layout=layout).text)


def test_the_property_is_exercised():
    """The corpus holds enough safe fixes of the structural rules to mean something."""
    kinds = Counter()
    for path in TEXTS.values():
        for f in lint(path.read_text(encoding="utf-8")):
            if f.fix and f.fix.safe:
                kinds[f.rule] += 1
    for rule in ("SR001", "SR003", "SR004"):
        assert kinds[rule] >= 5, kinds
