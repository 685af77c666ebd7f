"""The search query language and the snippets (no store: search.py is backend-free)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from sr_tui.core.cases.model import Status, Urgency
from sr_tui.core.cases.search_parse import normalize_area, parse_query
from sr_tui.core.cases.search_query import SearchQuery, Term
from sr_tui.core.cases.search_snippets import best_snippet, fold, make_snippet

CST = timezone(timedelta(hours=8))
OPEN = frozenset(s for s in Status if s is not Status.CLOSED)


def terms(text: str) -> list[str]:
    return [str(t) for t in parse_query(text).terms]


TERMS = [
    ("nfs mount", ["nfs", "mount"]),
    ('"connection pool" nfs', ['"connection pool"', "nfs"]),
    ("“OA登录”“权限配置”", ['"OA登录"', '"权限配置"']),
    ("「宕机」", ['"宕机"']),
    ('-vpn -"read only"', ["-vpn", '-"read only"']),
    ("nfs,mount;宕机。连接、权限", ["nfs", "mount", "宕机", "连接", "权限"]),
    ("error:42 http://x.example", ["error:42", "http://x.example"]),  # no filters
    ("3-41234567 SR", ["3-41234567", "SR"]),
    ("- -- nfs", ["nfs"]),  # lone dashes are no terms
    ('"unclosed phrase', ['"unclosed phrase"']),
    ("nfs NFS nfs", ["nfs", "NFS"]),  # the same term once
    ("OA登录”", ["OA登录"]),  # a stray closing quote
]


@pytest.mark.parametrize(("text", "expected"), TERMS)
def test_terms(text, expected):
    assert terms(text) == expected


def test_short_terms_are_those_under_three_characters():
    query = parse_query("宕机 OA 登录失 NFS z")
    assert [t.text for t in query.terms if t.short] == ["宕机", "OA", "z"]


FILTERS = [
    ("status:closed", "statuses", frozenset({Status.CLOSED})),
    ("status:new,accepted", "statuses", frozenset({Status.NEW, Status.ACCEPTED})),
    ("status:new status:accepted", "statuses", frozenset({Status.NEW, Status.ACCEPTED})),
    ("status:open", "statuses", OPEN),
    ("-status:closed", "statuses", OPEN),
    (
        "status:open -status:waiting",
        "statuses",
        OPEN - {Status.WAITING_CUSTOMER, Status.WAITING_DEVELOPMENT},
    ),
    ("status:in-progress", "statuses", frozenset({Status.IN_PROGRESS})),
    ('status:"Waiting on customer"', "statuses", frozenset({Status.WAITING_CUSTOMER})),
    ("状态：已关闭", "statuses", frozenset({Status.CLOSED})),
    ("状态:等待客户", "statuses", frozenset({Status.WAITING_CUSTOMER})),
    ("status:resolved", "statuses", frozenset({Status.AWAITING_CONFIRMATION, Status.CLOSED})),
    ("urgency:high", "urgencies", frozenset({Urgency.HIGH})),
    ("紧急:高", "urgencies", frozenset({Urgency.HIGH})),
    ("urgency:low,medium", "urgencies", frozenset({Urgency.LOW, Urgency.MEDIUM})),
    ("area:network", "areas", frozenset({"network"})),
    ("area:Network", "areas", frozenset({"network"})),
    ('area:"data security"', "areas", frozenset({"data_security"})),
    ("领域:网络环境", "areas", frozenset({"network"})),
    ("area:存储", "areas", frozenset({"存储"})),  # an area of the user's own
    ("-area:hardware", "exclude_areas", frozenset({"hardware"})),
    ("kb:yes", "knowledge", True),
    ("知识库:否", "knowledge", False),
    ("-kb:yes", "knowledge", False),
]


@pytest.mark.parametrize(("text", "attribute", "expected"), FILTERS)
def test_filters(text, attribute, expected):
    query = parse_query(text)
    assert getattr(query, attribute) == expected
    assert query.terms == () and query.problems == ()


DATES = [
    ("since:2026-11-01", "since", datetime(2026, 11, 1, tzinfo=CST)),
    ("since:2026/11/01", "since", datetime(2026, 11, 1, tzinfo=CST)),
    ("since:20261101", "since", datetime(2026, 11, 1, tzinfo=CST)),
    ("since:2026-11", "since", datetime(2026, 11, 1, tzinfo=CST)),
    ("自:2026", "since", datetime(2026, 1, 1, tzinfo=CST)),
    ("until:2026-11-30", "until", datetime(2026, 12, 1, tzinfo=CST)),  # the day included
    ("until:2026-11", "until", datetime(2026, 12, 1, tzinfo=CST)),
    ("至:2026-12", "until", datetime(2027, 1, 1, tzinfo=CST)),
    ("until:2026-02", "until", datetime(2026, 3, 1, tzinfo=CST)),
    ("since:2026-11-01 since:2026-11-05", "since", datetime(2026, 11, 5, tzinfo=CST)),
]


@pytest.mark.parametrize(("text", "attribute", "expected"), DATES)
def test_dates_are_days_in_the_zone_given(text, attribute, expected):
    assert getattr(parse_query(text, tz=CST), attribute) == expected


def test_dates_default_to_utc():
    assert parse_query("since:2026-11-01").since == datetime(2026, 11, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    "text", ["status:bogus", "urgency:urgent", "since:2026-13-01", "until:soon", "kb:maybe"]
)
def test_a_bad_filter_value_is_a_problem_not_a_term(text):
    query = parse_query(f"{text} nfs")
    [problem] = query.problems
    assert problem.key == text.split(":")[0] and problem.value == text.split(":")[1]
    assert str(problem).startswith(text) and "无法识别" in problem.message("zh")
    assert [t.text for t in query.terms] == ["nfs"]


def test_empty_and_filter_only_queries():
    assert parse_query("").is_empty and parse_query("  ，  ").is_empty
    assert not parse_query("status:open").is_empty
    assert parse_query("status:open").has_filters and not parse_query("nfs").has_filters


def test_queries_built_in_code():
    query = SearchQuery.of("OA登录", " connection pool ", "", mode="any", fields=("title",))
    assert query.terms == (Term("OA登录"), Term("connection pool", phrase=True))
    with pytest.raises(ValueError):
        SearchQuery(fields=("subject",))
    with pytest.raises(ValueError):
        SearchQuery(since=datetime(2026, 11, 1))


def test_area_normalising():
    assert normalize_area(" Data security ") == "data_security"
    assert normalize_area("data-security") == "data_security"


# -- snippets ----------------------------------------------------------------------------


def test_fold_keeps_offsets():
    assert fold("İstanbul NFS") == "İstanbul nfs"
    assert len(fold("Straße İ")) == len("Straße İ")


def test_a_short_text_is_its_own_snippet():
    snippet = make_snippet("title", "NFS hang on app01", ["nfs"])
    assert snippet.text == "NFS hang on app01" and snippet.spans == ((0, 3),)
    assert snippet.marked() == "[NFS] hang on app01"


def test_a_long_text_is_cut_around_the_first_match_at_words():
    text = " ".join(f"word{i}" for i in range(40)) + " the sosreport shows it " + "tail " * 30
    snippet = make_snippet("email_body", text, ["sosreport"], width=60)
    assert snippet.text.startswith("…") and snippet.text.endswith("…")
    assert len(snippet.text) <= 60
    start, end = snippet.spans[0]
    assert snippet.text[start:end] == "sosreport"
    assert snippet.text.startswith("…word39 the ")  # a third of the room before, whole words


def test_every_match_in_the_window_is_marked_and_blanks_are_collapsed():
    snippet = make_snippet("email_body", "NFS\n\n  mount of nfs4 on NFS", ["nfs", "mount"])
    assert snippet.text == "NFS mount of nfs4 on NFS"
    assert [snippet.text[s:e] for s, e in snippet.spans] == ["NFS", "mount", "nfs", "NFS"]


def test_overlapping_matches_are_one_mark():
    snippet = make_snippet("title", "connection pool", ["connection pool", "pool"])
    assert snippet.spans == ((0, 15),)


def test_chinese_is_cut_by_terminal_cells():
    text = "客户系统订单模块无法提交订单,提示连接超时,已尝试重启浏览器无效。" * 3
    snippet = make_snippet("description", text, ["连接"], width=30)
    cells = sum(2 if "\u4e00" <= c <= "\u9fff" or c in ",。" else 1 for c in snippet.text)
    assert cells <= 32
    assert [snippet.text[s:e] for s, e in snippet.spans] == ["连接"]


def test_a_snippet_shows_one_piece_of_a_field():
    snippet = make_snippet("email_body", "first email\x1esecond about nfs\x1ethird", ["nfs"])
    assert snippet.text == "second about nfs"


def test_no_match_is_no_snippet():
    assert make_snippet("title", "NFS hang", ["vpn"]) is None


def test_the_best_field_gives_the_snippet():
    texts = {"notes": "nfs in a note", "title": "NFS hang", "email_body": ["a", "nfs b"]}
    snippet, fields = best_snippet(texts, parse_query("nfs"))
    assert snippet.field == "title"
    assert fields == ("title", "email_body", "notes")
    assert best_snippet(texts, parse_query("status:open")) == (None, ())
