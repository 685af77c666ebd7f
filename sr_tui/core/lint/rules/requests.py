"""Find what a sentence asks the customer to do, the way a support lead reads it.

A request is: "please" (or "kindly", "pls") + any verb; "could/can/would you" + verb;
"we recommend/suggest/ask (that) you" + verb; "you will need to", "you must", "make
sure", "be sure to", "remember to", "do not" + verb; or an imperative at the start of
a sentence or clause ("Restart the service", "For security, change your password",
"Before you download, take the link ..."). Imperatives joined by "and", "then" or a
comma after the first one's object are more requests ("reply with X and confirm Y");
a request for three or more things ("send X, Y and Z") is a `series`.

A request is `conditional` when its sentence opens with a condition ("If ... , please
delete them") — alternatives rather than steps — and a `courtesy` ("If you have any
questions, please let us know", "feel free to reply") is no request at all.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from sr_tui.core.lazy_re import LazyRe
from sr_tui.core.lint.wordlists import (
    ACTION_VERBS,
    CONDITIONS,
    PLEASE_NOT,
    SEQUENCE_WORDS,
    SOFTENERS,
    STEP_ADVERBS,
)

VERBS = frozenset(ACTION_VERBS)
_PLEASE = frozenset(("please", "kindly", "pls", "plz", "plse"))
_YOU = frozenset(("you", "u"))
_ASK_MODALS = frozenset(("could", "can", "would", "will"))
_NOT_ASKING = frozenset("like imagine believe see tell".split())  # "would you like to ..."
_RECOMMEND = frozenset("recommend recommends suggest suggests advise ask request urge".split())
_NEED_WORDS = frozenset(("need", "have"))
_AUX = frozenset(
    """is are was were has have had will would can could should may might must does did
    isn't aren't wasn't weren't hasn't haven't won't can't shows show showed means""".split()
)
_JOINERS = frozenset((",", "and", "then", ";", "&"))
_CLAUSE_STOP = frozenset("so because which but as while since who whom whose".split())
_SUBJECTS = frozenset("we i they it he she you there this".split())
#: Before "make sure" or "do not", these make it a statement, not a request.
_NOT_BEFORE_STEP = frozenset(
    "to we i they he she it who will 'll can could would should must did does do may".split()
)
_SEQ = frozenset(SEQUENCE_WORDS)
_SOFT = tuple(SOFTENERS)
_COURTESY = LazyRe(
    r"\b(?:if|should|when)\s+you\s+(?:still\s+)?(?:have|need|require|want|would\s+like)\s+"
    r"(?:any\s+)?(?:(?:further|other|more|additional)\s+)?(?:questions?|help|assistance|"
    r"support|clarification|information|concerns?|anything)\b|\bfeel\s+free\b|\b(?:do\s+not|"
    r"don['’]t)\s+hesitate\b|\bany\s+(?:(?:further|other|more)\s+)?questions\b|\bfor\s+"
    r"(?:more|further)\s+(?:information|details|help)\b|\bif\s+anything\s+(?:else\s+)?"
    r"(?:comes\s+up|is\s+unclear)\b|\b(?:do\s+not|don['’]t)\s+reply\b",
    re.IGNORECASE,
)
#: Words (with inner ' - and .: "we'll", "contact-us", "example.com") and the clause
#: marks between them; a URL or a run of masked text is one token.
_TOKEN = re.compile(
    r"(?:https?://|www\.)[^\s<>]*[^\s<>.,;:!?)'\"]|[^\W_]+(?:['’\-.][^\W_]+)*|[,;:?!.&]|\x00+"
)
#: Words skipped before a step's verb in the different frames of a request.
_ADV_POSSIBLY = STEP_ADVERBS | {"possibly"}
_WE_ADVERBS = frozenset(("would", "'d", "also", "strongly", "kindly", "now"))
_THAT = frozenset(("that",))
_ADV_TO = STEP_ADVERBS | {"to"}
_YOU_ADVERBS = frozenset(("will", "'ll", "would", "also", "just", "first", "then", "now"))
_ADV_STILL = STEP_ADVERBS | {"still", "only", "really"}
_OPENERS = STEP_ADVERBS | {"and", "so", "also", "after", "that"}
_ADV_AND = STEP_ADVERBS | {"and"}
#: What `_asks` needs besides its first word: "you need to", "we recommend", "make sure".
_SECOND = frozenset(
    "need have must should recommend recommends suggest suggests advise ask request urge "
    "want".split()
)
_SURE = frozenset(("make", "be"))
#: What may stand before "you need to" / "we recommend" for it to open a clause.
_CLAUSE_OPEN = frozenset(
    ", ; : and then so now also first but otherwise finally next or if when once".split()
)
_DO = frozenset(("do", "don't"))
_WE = frozenset(("we", "i"))
#: Words a request of `_asks` can start with.
_ASK_STARTS = _PLEASE | _ASK_MODALS | _YOU | {"we", "i", "make", "be", "don't", "do"}
#: How far (in tokens) a request's objects and joined steps reach.
_WINDOW = 80
_HAS_CHAT = re.compile(r"\b(?:pls|plz|plse|u|ur)\b")
_CHAT = {"pls": "please", "plz": "please", "plse": "please", "u": "you", "ur": "your"}


class Request(NamedTuple):
    """One request: where its verb is (its token index in the sentence, see `spans`),
    and how it was asked."""

    index: int
    verb: str
    #: plain | joined (after another request) | series (asks for `items` things)
    how: str
    conditional: bool
    items: int = 0


class Sentence(NamedTuple):
    """The requests of one sentence, and whether it opens with a sequencing word."""

    requests: list[Request]
    sequenced: bool
    courtesy: bool


def tokens(text: str) -> list[str]:
    """The tokens of a sentence: lower case, ’ as ', chatspeak spelt out."""
    low = text.lower()
    if len(low) != len(text):  # "İ" grows when lower-cased: go token by token
        toks = [m.group().lower() for m in _TOKEN.finditer(text)]
    else:
        toks = _TOKEN.findall(low)
    if "’" in text:
        toks = [w.replace("’", "'") for w in toks]
    # the set test first: with no token spelt like chatspeak, spelling out changes nothing
    if not _CHAT.keys().isdisjoint(toks) and _HAS_CHAT.search(low):
        toks = [_CHAT.get(w, w) for w in toks]
    return toks


def spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each token of `tokens(text)`, in the same order."""
    low = text.lower()
    source = text if len(low) != len(text) else low
    return [m.span() for m in _TOKEN.finditer(source)]


def _skip(toks, i: int, words=STEP_ADVERBS) -> int:
    """The first token from `i` not in `words`; at most 6 are skipped, so a run of
    "please please ..." stays linear."""
    stop = min(len(toks), i + 6)
    while i < stop and toks[i] in words:
        i += 1
    return i


def _imperative(toks, i: int, text: str) -> bool:
    """True when token `i` is a step's verb at the start of a clause."""
    if i >= len(toks) or toks[i] not in VERBS:
        return False
    after = toks[i + 1 : i + 3]
    if not after:
        return False  # a bare word: "Restart." is a label more often than a step
    if any(w in _AUX for w in after) or after[0] in (":", "of", "'s"):
        return False  # "Contact details are below", "Update: ...", "Access of ..."
    return not (toks[i] == "keep" and after[:2] == ["in", "mind"])


def _verb_after(toks, i: int) -> int:
    """The index of the verb after "please" (and its adverbs) at `i`, or -1."""
    j = _skip(toks, i)
    if j + 1 < len(toks) and toks[j] == "don't":
        j += 1  # "please don't reboot"
    elif j + 2 < len(toks) and toks[j] == "do" and toks[j + 1] == "not":
        j += 2  # "please do not reboot"
    if j >= len(toks) or not toks[j][0].isalpha() or toks[j] in PLEASE_NOT:
        return -1
    return j


def _asks(toks, i: int) -> int:
    """If a request starts at token `i`, the index of its verb, else -1."""
    w = toks[i]
    n = len(toks)
    if w in _PLEASE:
        return _verb_after(toks, i + 1)
    if w in _ASK_MODALS and i + 1 < n and toks[i + 1] in _YOU:
        j = _skip(toks, i + 2, _ADV_POSSIBLY)
        if j + 2 < n and toks[j] == "be" and toks[j + 1] == "able":
            j += 3  # "would you be able to send"
        if j < n and toks[j] in _NOT_ASKING:
            return -1
        return j if j < n and toks[j][0].isalpha() else -1
    if (w in _WE or w in _YOU) and i and toks[i - 1] not in _CLAUSE_OPEN:
        return -1  # "the version you need to install": a relative clause, not a request
    if w in ("we", "i") and i + 1 < n:
        j = _skip(toks, i + 1, _WE_ADVERBS)
        if j < n and toks[j] in _RECOMMEND:
            j = _skip(toks, j + 1, _THAT)
            if j < n and toks[j] in _YOU:
                j = _skip(toks, j + 1, _ADV_TO)
                return j if j < n and toks[j] in VERBS | {"not"} else -1
        if j + 2 < n and toks[j] in ("need", "want") and toks[j + 1] in _YOU:
            return j + 3 if toks[j + 2] == "to" and j + 3 < n else -1
    if w in _YOU and i + 1 < n:
        j = _skip(toks, i + 1, _YOU_ADVERBS)
        j = _skip(toks, j, _ADV_STILL)
        if j + 1 < n and toks[j] in _NEED_WORDS and toks[j + 1] == "to":
            return j + 2 if j + 2 < n else -1
        if j < n and toks[j] == "must":
            return j + 1 if j + 1 < n else -1
        if j + 1 < n and toks[j] == "should" and toks[j + 1] in VERBS:
            return j + 1
    if i and toks[i - 1] in _NOT_BEFORE_STEP:
        return -1  # "we do not restart", "to make sure the job runs"
    if w in ("make", "be") and i + 1 < n and toks[i + 1] == "sure":
        return i + 1
    if w in ("don't", "do") and i + 1 < n:
        j = i + 1 + (w == "do" and toks[i + 1] == "not")
        if w == "do" and j == i + 1:
            return -1
        if j < n and toks[j] in VERBS | {"forget"}:
            return j
    return -1


def _condition(low: str, toks) -> bool:
    """True when the sentence opens with a condition (not a softener like 'if possible')."""
    opens = bool(toks) and (toks[0] in CONDITIONS or low.startswith(("in the event", "in case")))
    return opens and not low.startswith(_SOFT)


def _clause_starts(toks) -> list[int]:
    """Token indexes where an imperative may start: the sentence start (after adverbs
    and a short label), after the first comma of a lead-in, after ';' or ':'."""
    starts = [_skip(toks, 0, _OPENERS)]
    if "," in toks:
        k = toks.index(",")
        if k < 14:
            starts.append(_skip(toks, k + 1, STEP_ADVERBS))
    if ";" in toks or ":" in toks:
        for k, w in enumerate(toks):
            if w in (";", ":") and k + 1 < len(toks):
                starts.append(_skip(toks, k + 1, STEP_ADVERBS))
    return starts


def _ask_candidates(words: set[str]) -> set[str]:
    """The words of the sentence at which `_asks` may find a request (set operations
    only, so most sentences need no loop over their tokens)."""
    found = words & _PLEASE
    if "you" in words:
        found |= words & _ASK_MODALS
        if not _SECOND.isdisjoint(words):
            found.add("you")
    if "sure" in words:
        found |= words & _SURE
    if "not" in words or "don't" in words:
        found |= words & _DO
    if not _SECOND.isdisjoint(words):
        found |= words & _WE
    return found


def analyse(text: str) -> Sentence:
    """The requests in one sentence (`text` is the sentence, masked)."""
    toks = tokens(text)
    if not toks:
        return Sentence([], False, False)
    low = " ".join(toks[:8])
    sequenced = toks[0] in _SEQ or low.startswith("after that")
    found: dict[int, str] = {}
    words = set(toks)
    candidates = _ask_candidates(words)
    if candidates:
        for i, w in enumerate(toks):
            if w in candidates:
                v = _asks(toks, i)
                if v >= 0:
                    found.setdefault(v, "plain")
    if not VERBS.isdisjoint(words):  # an imperative starts with one of VERBS
        for i in _clause_starts(toks):
            if _imperative(toks, i, text):
                found.setdefault(i, "plain")
    if not found:
        return Sentence([], sequenced, False)
    if _COURTESY.search(text) is not None:
        return Sentence([], sequenced, True)
    return Sentence(_requests(toks, found, text, _condition(low, toks)), sequenced, False)


def _requests(toks, found: dict[int, str], text: str, cond: bool) -> list[Request]:
    out: list[Request] = []
    last = -1
    for v in sorted(found):
        if v <= last:
            continue
        chain = _chain(toks, v, text)
        items = _series(toks, chain[-1]) if len(chain) == 1 else 0
        for k, j in enumerate(chain):
            how = "plain" if k == 0 else "joined"
            if k == 0 and items >= 3:
                how = "series"
            out.append(Request(j, toks[j], how, cond, items if how == "series" else 0))
        last = chain[-1]
    return out


def _chain(toks, v: int, text: str) -> list[int]:
    """The verb at `v` and the imperatives joined to it ("reply with X and confirm Y")."""
    chain = [v]
    j = v + 1
    n = min(len(toks), v + _WINDOW)
    while j < n:
        w = toks[j]
        if w in (".", "?", "!") or w in _CLAUSE_STOP or w == "or":
            break
        if w in _JOINERS and j > chain[-1] + 1:
            k = _skip(toks, j + 1, _ADV_AND)
            if _imperative(toks, k, text):
                chain.append(k)
                j = k + 1
                continue
        if w in _SUBJECTS and j > v + 1 and toks[j - 1] in _JOINERS:
            break  # ", and we will ...": a new clause
        j += 1
    return chain


def _series(toks, v: int) -> int:
    """How many things the request at `v` asks for when it lists them ("send the log
    file, the job ID and the time it started" -> 3), else 0."""
    commas = 0
    and_after_comma = False
    items_words = 0
    j = v + 1
    n = min(len(toks), v + _WINDOW)
    while j < n:
        w = toks[j]
        if w in (".", "?", "!", ";", ":", "or") or w in _CLAUSE_STOP:
            break
        if w == ",":
            if items_words == 0 or items_words > 8:
                return 0
            nxt = toks[j + 1] if j + 1 < n else ""
            if nxt in _SUBJECTS or nxt in VERBS:
                break
            commas += 1
            items_words = 0
        elif w == "and" and commas:
            if j + 1 < n and toks[j + 1] in _SUBJECTS:
                break  # ", and we will ...": a new clause
            and_after_comma = True
            items_words = 0
        else:
            items_words += 1
        j += 1
    if not commas or not and_after_comma:
        return 0
    oxford = any(toks[k] == "," and toks[k + 1] == "and" for k in range(v + 1, min(j, n) - 1))
    return commas + (1 if oxford else 2)
