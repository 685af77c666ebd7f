"""Run the rules over a text and turn their raw hits into sorted `Finding`s."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from sr_tui.core.lint.catalog import BY_ID
from sr_tui.core.lint.config import LintConfig
from sr_tui.core.lint.finding import Finding, Fix
from sr_tui.core.lint.phrases import PhraseIndex
from sr_tui.core.lint.preprocess import Doc, build
from sr_tui.core.lint.rules import CHECKS
from sr_tui.core.lint.rules._util import words
from sr_tui.core.lint.wordlists import DEFAULT_ACCEPT

if TYPE_CHECKING:
    from sr_tui.core.templates.model import Email

Mode = Literal["send", "template"]
_DEFAULT = LintConfig()
#: Rules whose findings are dropped inside an accepted phrase.
_ACCEPTABLE = frozenset(
    "SR006 SR007 SR012 SR013 SR014 SR015 SR016 SR017 SR019 SR020".split()
)  # fmt: skip
#: Fields whose filled value is a case reference (SR021).
REF_FIELDS = ("sr_number", "bug_number")


class Ctx:
    """What a rule sees: the parsed email, the options, and `emit` to report."""

    __slots__ = ("_levels", "_overrides", "cfg", "doc", "hits", "mode", "refs")

    def __init__(self, doc: Doc, cfg: LintConfig, mode: Mode, refs: tuple[str, ...]) -> None:
        self.doc = doc
        self.cfg = cfg
        self.mode = mode
        self.refs = refs
        self.hits: list[tuple[str, int, int, str, Fix | None, str]] = []
        self._levels = _levels(cfg)
        self._overrides = dict(cfg.severity)

    def on(self, rule: str) -> bool:
        return self._levels[rule] != "off"

    def emit(
        self,
        rule: str,
        start: int,
        end: int,
        message: str,
        fix: Fix | None = None,
        severity: str | None = None,
    ) -> None:
        """Report `text[start:end]`. `severity` overrides the rule's default for this
        hit (e.g. tier B of SR006); a configured severity overrides both."""
        level = self._levels[rule]
        if level == "off":
            return
        if rule in self._overrides:
            sev = self._overrides[rule]
        elif severity is not None:
            sev = severity
        else:
            sev = level
        self.hits.append((rule, start, end, message, fix, sev))


@lru_cache(maxsize=16)
def _levels(cfg: LintConfig) -> dict[str, str]:
    return {rid: cfg.level(rid) for rid in BY_ID}


@lru_cache(maxsize=16)
def _accept_index(extra: tuple[str, ...]) -> PhraseIndex:
    return PhraseIndex({"accept": DEFAULT_ACCEPT + extra})


def _accepted(doc: Doc, cfg: LintConfig) -> list[tuple[int, int]]:
    """Spans of accepted phrases in the prose (config `accept` and the built-in list)."""
    found = _accept_index(cfg.accept).find(doc.prose, words(doc))["accept"]
    return [(s, e) for s, e, _ in found]


def run(
    text: str,
    config: LintConfig | None = None,
    mode: Mode = "send",
    refs: tuple[str, ...] = (),
    placeholders: tuple[tuple[int, int], ...] = (),
) -> list[Finding]:
    cfg = config or _DEFAULT
    doc = build(text, placeholders)
    ctx = Ctx(doc, cfg, mode, refs)
    for rules, check in CHECKS:
        if any(ctx.on(r) for r in rules):
            check(ctx)
    accepted: list[tuple[int, int]] | None = None
    accepted_starts: list[int] = []
    findings = []
    for rule, start, end, message, fix, sev in ctx.hits:
        if rule in _ACCEPTABLE:
            if accepted is None:
                accepted = _accepted(doc, cfg)
                accepted_starts = [a for a, _ in accepted]
            i = bisect_right(accepted_starts, start) - 1
            if i >= 0 and end <= accepted[i][1]:
                continue
        line, col = doc.line_col(start)
        findings.append(
            Finding(
                rule=rule,
                name=BY_ID[rule].name,
                severity=sev,  # type: ignore[arg-type]
                message=message,
                start=start,
                end=end,
                line=line,
                column=col,
                match=text[start:end],
                fix=fix,
            )
        )
    findings.sort(key=_key)
    return findings


def _key(f: Finding) -> tuple[int, int, int, str]:
    return f.sort_key


def lint(text: str, config: LintConfig | None = None, mode: Mode = "send") -> list[Finding]:
    """Lint an email's text ("Subject: ...", blank line, body). Worst first, then by offset."""
    return run(text, config, mode)


def lint_email(
    email: Email, config: LintConfig | None = None, mode: Mode = "send"
) -> list[Finding]:
    """Lint a rendered email; findings point at the field (and list item) they fall in.

    Every unfilled span is masked for the other rules and reported once by SR005, on
    its field, even when its placeholder text is not bracketed.
    """
    text = email.text
    unfilled = tuple((s.start, s.end) for s in email.spans if not s.filled and s.end > s.start)
    refs = tuple(
        text[s.start : s.end].strip()
        for s in email.spans
        if s.filled and s.field in REF_FIELDS and s.end > s.start
    )
    findings = run(text, config, mode, refs, unfilled)
    out = []
    for f in findings:
        span = email.field_at(f.start)
        if span is not None:
            f = replace(f, field=span.field, item=span.item)
            if f.rule in TIMEFRAME_RULES and span.filled:
                f = fit_the_sentence(f, text[max(0, span.start - 40) : span.start])
        out.append(f)
    return out


#: The rules whose advice is a timeframe to write.
TIMEFRAME_RULES = frozenset({"SR006", "SR007"})
DURATION_ADVICE = (
    "'{match}' is not a specific timeframe. The sentence reads 'within …': write a "
    "duration, e.g. '4 business hours' or '2 business days'."
)
POINT_ADVICE = (
    "'{match}' is not a specific time. The sentence reads '{word} …': write a day and a "
    "time with its time zone, e.g. '5 pm ET on Friday' (the field suggests times from now)."
)


def fit_the_sentence(f: Finding, before: str) -> Finding:
    """A timeframe finding in a field, with advice that fits the sentence the field sits
    in: after "within" only a duration ("within by Friday 14 March" is no sentence),
    after "by" a day and a time, never a fixed date."""
    from sr_tui.core.cases.timeframes_words import sense_before

    sense = sense_before(before)
    if sense == "duration":
        message = DURATION_ADVICE.format(match=f.match.strip())
        return replace(f, message=message, fix=Fix("hint", "4 business hours"))
    if sense == "point" and f.rule == "SR006":
        word = before.rstrip().rsplit(None, 1)[-1].lower()
        message = POINT_ADVICE.format(match=f.match.strip(), word=word)
        return replace(f, message=message, fix=Fix("hint", "5 pm ET on Friday"))
    return f
