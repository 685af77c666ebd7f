"""Closing a case with what the archive needs (seed 001 step 6): keywords, the resolution,
the root cause and the knowledge-base flag, written on the record before the status moves
to closed, so search, similar cases and the handbook find it. Against every backend."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sr_tui.core.cases.errors import NotFoundError
from sr_tui.core.cases.keeper import CaseKeeper
from sr_tui.core.cases.knowledge import knowledge_cases
from sr_tui.core.cases.model import Case, CloseReason, EntryKind, Status
from sr_tui.core.cases.search_parse import parse_query
from sr_tui.core.cases.similar import split_keywords

from .helpers import T0


@pytest.fixture
def keeper(store, clock):
    return CaseKeeper(lambda: (store, []), clock, author="Ann")


def test_close_case_writes_the_archive_then_closes(keeper, store):
    store.create_case(Case.new("SR 7", now=T0, title="服务器宕机", keywords=("nfs",)))
    at = T0 + timedelta(hours=3)
    case = keeper.close_case(
        "SR 7",
        CloseReason.CONFIRMED,
        keywords=("宕机", "NFS", "挂载"),
        resolution="重启 nfs-server 并修正 exports",
        root_cause="exports 配置错误",
        knowledge=True,
        at=at,
    )
    assert case.status is Status.CLOSED and case.close_reason is CloseReason.CONFIRMED
    # The keywords already there come first; "NFS" is "nfs" again (compared without case).
    assert case.keywords == ("nfs", "宕机", "挂载")
    assert (case.resolution, case.root_cause, case.knowledge) == (
        "重启 nfs-server 并修正 exports",
        "exports 配置错误",
        True,
    )
    assert store.get_case("SR 7") == case
    status = [e for e in store.entries("SR 7") if e.kind is EntryKind.STATUS]
    assert [e.at for e in status] == [at]
    assert [c.number for c in knowledge_cases(store)] == ["SR 7"]
    hits = store.search(parse_query("宕机"), limit=10)
    assert [h.number for h in hits] == ["SR 7"]
    hits = store.search(parse_query("exports status:closed"), limit=10)
    assert [h.number for h in hits] == ["SR 7"]


def test_close_case_keeps_what_it_is_not_given(keeper, store):
    store.create_case(
        Case.new("SR 8", now=T0, resolution="replaced the disk", root_cause="worn disk")
    )
    case = keeper.close_case("SR 8", "inactivity")
    assert (case.resolution, case.root_cause, case.knowledge) == (
        "replaced the disk",
        "worn disk",
        False,
    )
    assert case.status is Status.CLOSED and case.close_reason is CloseReason.INACTIVITY


def test_close_case_needs_a_reason_and_a_known_case(keeper, store):
    store.create_case(Case.new("SR 9", now=T0))
    with pytest.raises(ValueError, match="reason"):
        keeper.close_case("SR 9", "")
    with pytest.raises(NotFoundError, match="SR 404"):
        keeper.close_case("SR 404", "confirmed")
    assert store.get_case("SR 9").status is Status.NEW


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OA登录, 权限配置", ("OA登录", "权限配置")),
        ("宕机，连接、nfs;NFS；  ", ("宕机", "连接", "nfs")),
        ("", ()),
    ],
)
def test_split_keywords(text, expected):
    assert split_keywords(text) == expected
