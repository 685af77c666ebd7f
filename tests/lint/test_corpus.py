"""Precision and recall per rule over a corpus of support emails (tests/lint/corpus).

The corpus holds emails in the styles support engineers receive and send: help-desk
default templates, macro collections, operators' notices, chases, outage updates and
closure notices, with `-- ` footers, disclaimers, quoted history, tables, ticket tags,
section labels, indented closings, role and blank greetings. They were written for this
project. Each `NAME.txt` has a `NAME.expected.toml` whose `expect` lists the scored rules
that must fire; every other scored rule must not (that is what precision counts).

Run `python -m tests.lint.test_corpus` for the table.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from sr_tui.core.lint import lint

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(CORPUS.glob("*.txt"))
#: Rules scored on the corpus (precision and recall are reported for each).
SCORED = "SR001 SR002 SR003 SR004 SR005 SR006 SR007 SR008 SR010 SR014 SR015 SR017 SR018".split()
#: Rules whose precision and recall must reach THRESHOLD.
GATED = ("SR001", "SR002", "SR003", "SR004", "SR005", "SR006", "SR008", "SR010")
THRESHOLD = 0.95


def expected(path: Path) -> set[str]:
    data = tomllib.loads(path.with_suffix(".expected.toml").read_text(encoding="utf-8"))
    unknown = set(data["expect"]) - set(SCORED)
    assert not unknown, f"{path.name}: not a scored rule: {unknown}"
    return set(data["expect"])


def found(path: Path) -> set[str]:
    return {f.rule for f in lint(path.read_text(encoding="utf-8"))} & set(SCORED)


def score() -> tuple[dict[str, tuple[int, int, int]], list[str]]:
    """Per rule (true positives, false positives, false negatives), and the misses."""
    counts = {r: [0, 0, 0] for r in SCORED}
    misses = []
    for path in CASES:
        want, got = expected(path), found(path)
        for r in SCORED:
            if r in got and r in want:
                counts[r][0] += 1
            elif r in got:
                counts[r][1] += 1
                misses.append(f"{path.stem}: {r} fired, not expected")
            elif r in want:
                counts[r][2] += 1
                misses.append(f"{path.stem}: {r} expected, not found")
    return {r: (tp, fp, fn) for r, (tp, fp, fn) in counts.items()}, misses


def ratios(tp: int, fp: int, fn: int) -> tuple[float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def test_the_corpus_is_large_and_varied():
    assert len(CASES) >= 40
    texts = [p.read_text(encoding="utf-8") for p in CASES]
    assert all(p.with_suffix(".expected.toml").exists() for p in CASES)
    for marker in ("\n-- \n", "wrote:", "From: ", "##", "#", "    Thank you,", "Dear __"):
        assert any(marker in t for t in texts), marker
    assert sum(not t.startswith("Subject:") for t in texts) >= 4


def test_every_gated_rule_has_positives_in_the_corpus():
    counts, _ = score()
    for rule in GATED:
        tp, _, fn = counts[rule]
        assert tp + fn >= 3, f"{rule} has only {tp + fn} positive emails"


def test_precision_and_recall_per_rule():
    counts, misses = score()
    low = []
    for rule in GATED:
        p, r = ratios(*counts[rule])
        if p < THRESHOLD or r < THRESHOLD:
            low.append(f"{rule}: precision {p:.2f}, recall {r:.2f}")
    assert not low, "\n".join([*low, "", *misses])


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_corpus_email_lints_without_crashing(path):
    text = path.read_text(encoding="utf-8")
    for f in lint(text):
        assert text[f.start : f.end] == f.match


def main() -> None:
    counts, misses = score()
    print(f"{len(CASES)} emails")
    print(f"{'rule':<6} {'TP':>3} {'FP':>3} {'FN':>3} {'precision':>9} {'recall':>7}")
    for rule in SCORED:
        tp, fp, fn = counts[rule]
        p, r = ratios(tp, fp, fn)
        gate = " *" if rule in GATED else ""
        print(f"{rule:<6} {tp:>3} {fp:>3} {fn:>3} {p:>9.2f} {r:>7.2f}{gate}")
    print("* gated at", THRESHOLD)
    for m in misses:
        print("  ", m)


if __name__ == "__main__":
    main()
