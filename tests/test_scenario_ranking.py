"""The picker's index ranks exactly as it did before it was made faster: the same hits,
the same scores, the same order, for a table of queries over the 31 built-ins and over a
generated library of 931 templates (the built-ins copied with ids, keywords and titles
varied, so that words are found in some, most or all of them)."""

from __future__ import annotations

import dataclasses
import importlib.util
import sys

import pytest
from conftest import FIXTURES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sr_tui.core.templates.scenario_index import ScenarioIndex

_spec = importlib.util.spec_from_file_location(
    "scenario_index_before", FIXTURES / "scenario_index_before.py"
)
before = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = before  # its dataclasses look their module up
_spec.loader.exec_module(before)

EXTRA_WORDS = ["escalation", "manager", "outage", "refund", "客户", "紧急", "logs", "custom"]

QUERIES = [
    "",
    " ",
    "c",
    "cu",
    "cus",
    "cust",
    "custo",
    "custom",
    "customer",
    "customer ",
    "customers",
    "CUSTOMER",
    "Ｃｕｓｔｏｍｅｒ",
    "b2",
    "B2",
    "b2 reminder",
    "a1",
    "a1u7",
    "A1U7",
    "not replied",
    "no response",
    "no",
    "respo",
    "close inactive",
    "inactive",
    "inactivity",
    "escalat",
    "escalation manager",
    "customer wants to talk to a manager",
    "the",
    "a the of",
    "performance",
    "performance logs",
    "客户未回复",
    "客户",
    "未",
    "催",
    "紧急 outage",
    "outage 客户",
    "refund refund",
    "xyz",
    "zzzz qqqq",
    "new case",
    "new case ",
    "case-b2",
    "b 2",
    "logs please",
    "1",
    "u12",
    "maint",
    "new\x00case",
    "customer\x00",
    "a1 a1",
    "b2b2",
    "maintenance window",
]


def generated(templates, copies: int) -> list:
    """The built-ins, then `copies` copies with new ids and some words changed."""
    library = list(templates)
    for n in range(copies):
        t = templates[n % len(templates)]
        keep = n % (len(t.keywords) + 1)
        extra = EXTRA_WORDS[n % len(EXTRA_WORDS)]
        library.append(
            dataclasses.replace(
                t,
                id=f"{t.id}U{n}",
                keywords=(*t.keywords[:keep], extra) if n % 3 else t.keywords[:keep],
                title=f"{t.title} {extra}" if n % 5 == 0 else t.title,
                when=t.when if n % 7 else "",
            )
        )
    return library


def ranked(hits) -> list[tuple[str, float]]:
    return [(h.template.id, h.score) for h in hits]


@pytest.fixture(scope="module", params=[0, 900], ids=["built-ins", "931 templates"])
def indexes(request, catalog):
    library = generated(catalog.templates, request.param)
    return ScenarioIndex(library), before.ScenarioIndex(library)


@pytest.mark.parametrize("query", QUERIES)
def test_the_same_hits_scores_and_order_as_before(indexes, query):
    now, old = indexes
    expected = ranked(old.search(query))
    assert ranked(now.search(query)) == expected
    assert ranked(now.search(query, limit=7)) == expected[:7]
    shown, total = now.top(query, 50)  # what the picker shows: its rows and the count
    assert ranked(shown) == expected[:50] and total == len(expected)
    preferred = ("B2", "A1U3", "nonexistent", "C1")
    assert ranked(now.search(query, preferred=preferred)) == ranked(
        old.search(query, preferred=preferred)
    )


def test_typing_a_word_letter_by_letter_ranks_as_a_fresh_index_would(indexes):
    """The index keeps what earlier keystrokes computed: that must not change a ranking."""
    now, old = indexes
    for query in ("c", "cu", "cus", "cust", "custo", "custom", "customer", "custome", "cu", ""):
        assert ranked(now.search(query)) == ranked(old.search(query)), query


CJK_CHARS = sorted(
    {c for q in QUERIES for c in q if "\u4e00" <= c <= "\u9fff"}
    | set("客户没回复升级关闭日志紧急未催请提供信息问题")
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(run=st.text(alphabet=CJK_CHARS, min_size=1, max_size=6))
def test_any_chinese_run_ranks_as_before(indexes, run):
    """The Chinese runs are scored from the texts holding their characters and pairs
    (found once, kept): any run of them gives the same hits, scores and order as the
    scorer before, which tested every text."""
    now, old = indexes
    for query in (run, run[:1], f"{run} customer"):
        assert ranked(now.search(query)) == ranked(old.search(query)), query
