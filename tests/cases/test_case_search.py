"""Full-text search through the CaseStore protocol, against every backend in
conftest.BACKENDS: English and Chinese terms of every length, phrases, negation, filters,
ranking, snippets, and the index following every write."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from sr_tui.core.cases.model import (
    Case,
    Channel,
    CloseReason,
    EmailDetail,
    Entry,
    EntryKind,
    Stage,
    Status,
)
from sr_tui.core.cases.search_parse import parse_query
from sr_tui.core.cases.search_query import FIELDS, SearchQuery

from .helpers import T0

TZ = T0.tzinfo


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00").replace(tzinfo=TZ)


def email(number: str, when: datetime, template_id: str, subject: str, body: str) -> Entry:
    detail = EmailDetail(template_id=template_id, subject=subject, body=body, channel=Channel.COPY)
    return Entry.new(number, EntryKind.EMAIL, at=when, stage=Stage.DIAGNOSIS, detail=detail)


def note(number: str, when: datetime, text: str) -> Entry:
    return Entry.new(number, EntryKind.NOTE, at=when, stage=Stage.DIAGNOSIS, notes=text)


def make(store, number: str, submitted: datetime, entries=(), status=None, reason=None, **f):
    store.create_case(Case.new(number, now=submitted, **f))
    for entry in entries:
        store.append_entry(entry)
    if status is not None:
        store.set_status(number, status, reason=reason, at=submitted + timedelta(days=1))


@pytest.fixture
def cases(store):
    """Five cases in English and Chinese (seed 001's examples among them)."""
    make(
        store,
        "SR 3-100",
        at("2026-11-03"),
        [
            email(
                "SR 3-100",
                at("2026-11-03", 11),
                "A1",
                "SR 3-100 Received",
                "Hi 王波,\n\nWe received your request regarding the OA login.\n\nBest regards,\nAnn",
            ),
            note("SR 3-100", at("2026-11-03", 14), "已远程协助,确认是权限问题"),
        ],
        status=Status.CLOSED,
        reason=CloseReason.CONFIRMED,
        title="无法登录OA系统",
        description="员工反馈无法登录OA,提示权限不足。",
        keywords=("OA登录", "权限配置"),
        area="software",
        resolution="在后台重新分配角色权限后恢复。",
        root_cause="权限配置错误",
    )
    make(
        store,
        "SR 3-200",
        at("2026-11-20"),
        [
            email(
                "SR 3-200",
                at("2026-11-20", 11),
                "B1",
                "SR 3-200 Action Required: Additional Information Needed",
                "Hi Alice,\n\nPlease send:\n- the sosreport from db01\n\nBest regards,\nAnn",
            ),
            note("SR 3-200", at("2026-11-20", 15), "数据库连接池满载"),
        ],
        status=Status.IN_PROGRESS,
        title="Orders cannot be submitted: 连接超时",
        description="The order module times out since 09:00; restarting the browser did not help.",
        keywords=("connection pool",),
        area="network",
        urgency="high",
        root_cause="Database connection pool exhausted.",
    )
    make(
        store,
        "SR 3-300",
        at("2026-10-15"),
        [note("SR 3-300", at("2026-10-16"), "Checked the tray: a pool of paper, no connection")],
        title="Printer jam on floor 3",
        description="The printer on floor 3 jams.",
        area="hardware",
        urgency="low",
    )
    make(
        store,
        "SR 3-400",
        at("2026-12-01"),
        [
            email(
                "SR 3-400",
                at("2026-12-01", 11),
                "B4",
                "SR 3-400 Request for sosreport",
                "Hi,\n\nThe NFS client hangs on app01. Please send a sosreport.\n\nAnn",
            )
        ],
        status=Status.WAITING_CUSTOMER,
        title="服务器宕机",
        description="核心业务中断 since 02:00; the NFS mount hangs",
        keywords=("宕机", "NFS"),
        area="Network",
        urgency="high",
        scenario="urgent",
        knowledge=True,
    )
    make(
        store,
        "SR 3-500",
        at("2026-11-25"),
        [note("SR 3-500", at("2026-11-26"), "门禁锁 reset by the vendor")],
        title="Zone transfer fails",
        description="Secondary DNS does not get the update.",
        area="network",
    )
    return store


def numbers(store, text: str, **kw) -> list[str]:
    return [h.number for h in store.search(parse_query(text, tz=TZ), **kw)]


def found(store, text: str) -> set[str]:
    return set(numbers(store, text))


# -- terms of every length ---------------------------------------------------------------

TERMS = [
    # one character
    ("锁", {"SR 3-500"}),
    ("z", {"SR 3-500"}),
    # two characters: Chinese words (LIKE on the text), English ones
    ("宕机", {"SR 3-400"}),
    ("连接", {"SR 3-200"}),
    ("权限", {"SR 3-100"}),
    ("OA", {"SR 3-100"}),
    ("oa", {"SR 3-100"}),
    ("db", {"SR 3-200"}),
    # three characters: the trigram index
    ("NFS", {"SR 3-400"}),
    ("nfs", {"SR 3-400"}),
    ("登录O", {"SR 3-100"}),
    ("DNS", {"SR 3-500"}),
    # more
    ("sosreport", {"SR 3-200", "SR 3-400"}),
    ("权限配置", {"SR 3-100"}),
    ("Printer", {"SR 3-300"}),
    ("OA login", {"SR 3-100"}),  # two words, one in Chinese text, one in the email
    ("门禁锁", {"SR 3-500"}),
    ("3-400", {"SR 3-400"}),  # the case number
    ("nothing-like-this", set()),
]


@pytest.mark.parametrize(("text", "expected"), TERMS)
def test_terms_of_every_length_in_english_and_chinese(cases, text, expected):
    assert found(cases, text) == expected


def test_every_searched_field_is_found(cases):
    where = {
        "3-200": "number",
        "Zone transfer": "title",
        "connection pool": "keywords",
        "order module": "description",
        "重新分配": "resolution",
        "配置错误": "root_cause",
        "Additional Information": "email_subject",
        "from db01": "email_body",
        "远程协助": "notes",
    }
    assert set(where.values()) == set(FIELDS)
    for text, field in where.items():
        hits = cases.search(parse_query(f'"{text}"'))
        assert hits, text
        assert hits[0].snippet.field == field, (text, hits[0].snippet)


# -- mixed queries, phrases, negation -----------------------------------------------------

MIXED = [
    ("OA 权限", {"SR 3-100"}),  # two short terms
    ("NFS 宕机", {"SR 3-400"}),  # an indexed term and a short one
    ("sosreport 宕机", {"SR 3-400"}),
    ("sosreport -宕机", {"SR 3-200"}),
    ("sosreport -NFS", {"SR 3-200"}),
    ("pool connection", {"SR 3-200", "SR 3-300"}),  # both words, anywhere
    ('"connection pool"', {"SR 3-200"}),  # the phrase: the words together
    ("“OA登录”“权限配置”", {"SR 3-100"}),  # seed 001's keywords, as it writes them
    ('-"connection pool" pool', {"SR 3-300"}),
    ("floor -printer", set()),
    ("宕机 连接", set()),  # both terms must be there
    ("-宕机 -NFS status:open", {"SR 3-200", "SR 3-300", "SR 3-500"}),
]


@pytest.mark.parametrize(("text", "expected"), MIXED)
def test_mixed_queries_phrases_and_negation(cases, text, expected):
    assert found(cases, text) == expected


# -- filters -----------------------------------------------------------------------------

FILTERS = [
    ("status:closed", {"SR 3-100"}),
    ("状态:已关闭", {"SR 3-100"}),
    ("status:open sosreport", {"SR 3-200", "SR 3-400"}),
    ("status:waiting", {"SR 3-400"}),
    ("-status:closed -status:new", {"SR 3-200", "SR 3-400"}),
    ("area:network", {"SR 3-200", "SR 3-400", "SR 3-500"}),  # "Network" as typed counts
    ("领域:网络环境 宕机", {"SR 3-400"}),
    ("area:network -area:hardware urgency:high", {"SR 3-200", "SR 3-400"}),
    ("urgency:low", {"SR 3-300"}),
    ("紧急:高 NFS", {"SR 3-400"}),
    ("since:2026-11-01 until:2026-11-30", {"SR 3-100", "SR 3-200", "SR 3-500"}),
    ("since:2026-11-20 until:2026-11-20", {"SR 3-200"}),  # one day, both ends inclusive
    ("since:2026-12", {"SR 3-400"}),
    ("until:2026-10", {"SR 3-300"}),
    ("kb:yes", {"SR 3-400"}),
    ("kb:no 宕机", set()),
    ("since:2026-11-01 status:open network", set()),  # no text "network" (the area is no text)
    ("since:2026-11-01 until:2026-11 area:network", {"SR 3-200", "SR 3-500"}),
]


@pytest.mark.parametrize(("text", "expected"), FILTERS)
def test_filters(cases, text, expected):
    assert found(cases, text) == expected


def test_filters_alone_list_newest_activity_first(cases):
    in_list_order = [c.number for c in cases.list_cases() if c.area.lower() == "network"]
    assert numbers(cases, "area:network") == in_list_order
    assert len(in_list_order) == 3
    assert all(h.snippet is None for h in cases.search(parse_query("area:network")))


def test_an_empty_query_finds_nothing_and_a_bad_filter_is_a_problem(cases):
    assert numbers(cases, "") == [] and numbers(cases, "   ") == []
    query = parse_query("status:bogus NFS")
    assert [p.value for p in query.problems] == ["bogus"]
    assert [h.number for h in cases.search(query)] == ["SR 3-400"]  # the rest still runs


def test_the_limit(cases):
    assert len(numbers(cases, "status:open", limit=2)) == 2
    assert numbers(cases, "status:open", limit=0) == []


def test_fields_and_any_mode(cases):
    only_titles = SearchQuery.of("sosreport", fields=("title",))
    assert cases.search(only_titles) == []
    any_of = SearchQuery.of("Printer", "Zone", "宕机", mode="any", fields=("title",))
    assert {h.number for h in cases.search(any_of)} == {"SR 3-300", "SR 3-400", "SR 3-500"}


# -- ranking -----------------------------------------------------------------------------


@pytest.mark.parametrize("term", ["toner", "卡纸"])
def test_a_title_hit_ranks_above_a_note_hit(store, clock, term):
    """Indexed (toner) and short (卡纸) terms alike: the title's hit comes first, though
    the case with the note is newer."""
    make(store, "SR 1", at("2026-11-01"), title=f"{term} low on printer 2")
    make(store, "SR 2", at("2026-11-02"), [note("SR 2", at("2026-11-03"), f"replaced the {term}")])
    make(store, "SR 3", at("2026-11-02"), description="nothing to see")
    hits = store.search(parse_query(term))
    assert [h.number for h in hits] == ["SR 1", "SR 2"]
    assert hits[0].score > hits[1].score
    assert hits[0].fields == ("title",) and hits[1].fields == ("notes",)


def test_keywords_rank_above_an_email_body(store):
    make(store, "SR 1", at("2026-11-01"), keywords=("multipath",))
    mail = email("SR 2", at("2026-11-05"), "A2", "Update", "We looked at multipath today.")
    make(store, "SR 2", at("2026-11-04"), [mail])
    assert [h.number for h in store.search(parse_query("multipath"))] == ["SR 1", "SR 2"]


def test_equal_hits_newest_activity_first(store):
    for i, day in enumerate(["2026-11-01", "2026-11-09", "2026-11-05"]):
        make(store, f"SR {i}", at(day), title="kernel panic")
    assert numbers(store, "kernel") == ["SR 1", "SR 2", "SR 0"]
    assert numbers(store, "ke") == ["SR 1", "SR 2", "SR 0"]


# -- snippets ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["sosreport", "OA", "连接", "连接池满载", "NFS 宕机"])
def test_snippets_mark_the_matched_text_in_plain_text(cases, text):
    query = parse_query(text)
    terms = [t.text.casefold() for t in query.positive]
    hits = cases.search(query)
    assert hits
    for hit in hits:
        snippet = hit.snippet
        assert snippet is not None and snippet.spans, hit
        assert "[" not in snippet.text.replace("[", "") and "\n" not in snippet.text
        for start, end in snippet.spans:
            assert snippet.text[start:end].casefold() in terms, (snippet, start, end)


def test_a_snippet_shows_one_email_around_the_match(cases):
    [hit] = cases.search(parse_query("db01"))
    assert hit.snippet.field == "email_body"
    assert hit.snippet.text == "Hi Alice, Please send: - the sosreport from db01 Best regards, Ann"
    assert hit.snippet.marked() == (
        "Hi Alice, Please send: - the sosreport from [db01] Best regards, Ann"
    )


# -- the index follows every write --------------------------------------------------------


def test_an_edited_title_is_found_by_its_new_words_only(cases):
    case = cases.get_case("SR 3-300")
    cases.update_case(replace(case, title="Scanner offline", description=""), case.version)
    assert found(cases, "Printer") == set()
    assert found(cases, "Scanner") == {"SR 3-300"}
    assert found(cases, "印机") == set()


def test_keywords_resolution_and_root_cause_follow_the_record(cases):
    case = cases.get_case("SR 3-500")
    cases.update_case(
        replace(case, keywords=("AXFR", "区域传送"), resolution="重新配置", root_cause="ACL"),
        case.version,
    )
    assert found(cases, "AXFR") == {"SR 3-500"}
    assert found(cases, "区域") == {"SR 3-500"}
    assert found(cases, "重新配置") == {"SR 3-500"}
    assert found(cases, "ACL") == {"SR 3-500"}


def test_a_deleted_note_is_no_longer_found(cases):
    [entry] = [e for e in cases.entries("SR 3-200") if e.kind is EntryKind.NOTE]
    assert found(cases, "满载") == {"SR 3-200"}
    cases.delete_note(entry.id)
    assert found(cases, "满载") == set()
    assert found(cases, "连接池") == set()
    assert found(cases, "sosreport") == {"SR 3-200", "SR 3-400"}  # its email stays


def test_status_changes_reach_filters_and_their_notes_are_found(cases):
    cases.set_status("SR 3-300", Status.CLOSED, reason=CloseReason.OUT_OF_SCOPE, notes="转交行政部")
    assert "SR 3-300" in found(cases, "status:closed")
    assert found(cases, "行政") == {"SR 3-300"}
    assert found(cases, "status:closed 转交行政部") == {"SR 3-300"}
    cases.set_status("SR 3-300", Status.IN_PROGRESS)  # reopened
    assert "SR 3-300" not in found(cases, "status:closed")
    assert found(cases, "status:open 行政") == {"SR 3-300"}


def test_appended_entries_are_found_at_once(cases):
    cases.append_entry(note("SR 3-500", at("2026-11-27"), "AXFR refused by 10.0.0.2"))
    mail = email("SR 3-500", at("2026-11-28"), "A2", "SR 3-500 Update", "防火墙 blocks port 53")
    cases.append_entry(mail)
    assert found(cases, "AXFR") == {"SR 3-500"}
    assert found(cases, "防火墙") == {"SR 3-500"}
    assert found(cases, "port 53") == {"SR 3-500"}


def test_a_renumbered_case_is_found_by_its_new_number(cases):
    case = cases.get_case("SR 3-500")
    cases.renumber_case("SR 3-500", "SR 3-41234567", case.version)
    assert numbers(cases, "41234567") == ["SR 3-41234567"]
    assert numbers(cases, "门禁锁") == ["SR 3-41234567"]
    assert found(cases, "3-500") == set()


def test_imported_records_are_found(store, clock):
    case = Case.new("SR 9", now=clock.now(), title="Imported 迁移")
    store.import_records([(case, [note("SR 9", clock.now(), "备份已恢复")])])
    assert found(store, "迁移") == {"SR 9"} and found(store, "备份") == {"SR 9"}
