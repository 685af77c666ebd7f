"""Record every finding over a fixed set of inputs, to check a speed change finds the same.

    python tests/lint/findings_snapshot.py record /tmp/before.json
    python tests/lint/findings_snapshot.py compare /tmp/before.json

The inputs: the corpus emails, the fixture emails, the 31 templates (rendered with the
realistic values in both layouts, rendered with no values, and their seed text in both
modes), and big generated texts: the 1 MB paste of benchmarks/lint.py, 1 MB of normal
emails (the corpus repeated), one 1 MB paragraph, and the corpus lines shuffled. Each
finding is recorded whole (rule, offsets, line, column, match, severity, message, fix).
Not a test (nothing here times anything); `compare` exits 1 on any difference.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

TESTS = ROOT / "tests"
MB = 1_000_000


def _inputs():
    """(name, callable returning findings) for every input."""
    from sr_tui.core.lint import lint, lint_email
    from sr_tui.core.templates.catalog import load_catalog
    from sr_tui.core.templates.render import render

    corpus = sorted((TESTS / "lint" / "corpus").glob("*.txt"))
    fixtures = sorted((TESTS / "fixtures" / "emails").glob("*.txt"))
    for p in corpus + fixtures:
        text = p.read_text(encoding="utf-8")
        yield f"file:{p.parent.name}/{p.name}", lambda t=text: lint(t)
        yield (
            f"file-template-mode:{p.parent.name}/{p.name}",
            lambda t=text: lint(t, mode="template"),
        )

    catalog = load_catalog([])
    values = tomllib.loads((TESTS / "fixtures" / "realistic_values.toml").read_text("utf-8"))
    for t in sorted(catalog.templates, key=lambda t: t.id):
        for layout in ("as-written", "flowed"):
            email = render(t, values, layout=layout)
            yield f"template:{t.id}:{layout}", lambda e=email: lint_email(e)
        email = render(t, {})
        yield f"template-empty:{t.id}", lambda e=email: lint_email(e)
        seed = (TESTS / "expected" / f"{t.id}.txt").read_text(encoding="utf-8")
        yield f"seed:{t.id}", lambda s=seed: lint(s)
        yield f"seed-template-mode:{t.id}", lambda s=seed: lint(s, mode="template")

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from lint import paste  # benchmarks/lint.py

    yield "big:benchmark-paste", lambda: lint(paste())
    emails = "\n".join(p.read_text(encoding="utf-8") for p in corpus)
    yield "big:corpus-repeated", lambda: lint((emails * (MB // len(emails) + 1))[:MB])
    body = " ".join(
        line.strip()
        for p in corpus + fixtures
        for line in p.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("Subject:")
    )
    para = "Subject: One long paragraph\n\nHi Alice,\n\n" + (body * (MB // len(body) + 1))[:MB]
    yield "big:one-paragraph", lambda: lint(para + "\n\nBest regards,\nSam\n")
    lines = [line for p in corpus for line in p.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(12)
    shuffled = [rng.choice(lines) for _ in range(40_000)]
    yield "big:shuffled-lines", lambda: lint("\n".join(shuffled)[:MB])


def _record(findings) -> list:
    return [
        [
            f.rule,
            f.severity,
            f.start,
            f.end,
            f.line,
            f.column,
            f.match,
            f.message,
            None if f.fix is None else repr(f.fix),
            getattr(f, "field", None),
            getattr(f, "item", None),
        ]
        for f in findings
    ]


def snapshot() -> dict[str, list]:
    return {name: _record(fn()) for name, fn in _inputs()}


def main() -> int:
    os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp())
    os.environ.setdefault("SR_TUI_CONFIG", os.path.join(tempfile.mkdtemp(), "none.toml"))
    cmd, path = sys.argv[1], Path(sys.argv[2])
    snap = snapshot()
    digest = hashlib.sha256(json.dumps(snap, sort_keys=True).encode()).hexdigest()[:16]
    total = sum(len(v) for v in snap.values())
    print(f"{len(snap)} inputs, {total:,} findings, digest {digest}")
    if cmd == "record":
        path.write_text(json.dumps(snap), encoding="utf-8")
        return 0
    before = json.loads(path.read_text(encoding="utf-8"))
    bad = [name for name in before.keys() | snap.keys() if before.get(name) != snap.get(name)]
    for name in sorted(bad)[:20]:
        old, new = before.get(name) or [], snap.get(name) or []
        diff = [r for r in old if r not in new][:3], [r for r in new if r not in old][:3]
        print(f"DIFFERS {name}: {len(old)} -> {len(new)}; gone {diff[0]}; new {diff[1]}")
    print("identical" if not bad else f"{len(bad)} inputs differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
