"""Similar cases, reusing a resolution, and the frequent-problems handbook, against every
backend in conftest.BACKENDS."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sr_tui.core.cases.knowledge import group_problems, handbook, knowledge_cases
from sr_tui.core.cases.model import Case, CloseReason, Status
from sr_tui.core.cases.similar import (
    merged_keywords,
    reference_of,
    reuse,
    reuse_values,
    similar_cases,
    similarity_terms,
)

from .helpers import T0


def make(store, number, *, days=0, status=Status.CLOSED, **fields) -> Case:
    now = T0 - timedelta(days=days)
    store.create_case(Case.new(number, now=now, **fields))
    if status is not Status.NEW:
        reason = CloseReason.CONFIRMED if status is Status.CLOSED else None
        store.set_status(number, status, reason=reason, at=now)
    return store.get_case(number)


@pytest.fixture
def past(store):
    make(
        store,
        "SR 1",
        days=40,
        title="无法登录OA系统",
        description="员工反馈无法登录OA,提示权限不足。",
        keywords=("OA登录", "权限配置"),
        area="software",
        resolution="在后台重新分配角色权限后恢复。见 Doc ID 2887451.1",
        root_cause="权限配置错误",
        knowledge=True,
    )
    make(
        store,
        "SR 2",
        days=30,
        title="NFS hang on app01",
        description="NFS mounts hang after the nightly reboot.",
        keywords=("nfs",),
        area="network",
        resolution="Mount with the hard,intr options and update nfs-utils.",
        root_cause="A known nfs-utils bug.",
        knowledge=True,
        values={"reference_doc": "https://kb.example.com/nfs-hang"},
    )
    make(
        store,
        "SR 3",
        days=20,
        title="OA登录很慢",
        keywords=("OA登录",),
        status=Status.WAITING_CUSTOMER,
    )
    make(store, "SR 4", days=10, title="OA系统登录失败", keywords=("OA登录",))  # no resolution
    make(
        store, "SR 5", days=5, title="Printer jam", resolution="Cleared the tray.", area="hardware"
    )
    make(
        store,
        "SR 6",
        days=3,
        title="OA 登录后权限不足",
        keywords=("权限配置",),
        area="software",
        status=Status.AWAITING_CONFIRMATION,
        resolution="重新分配角色。",
        root_cause="权限配置错误",
        knowledge=True,
    )
    return store


def test_similar_cases_share_the_problem_and_have_a_resolution(past, clock):
    case = Case.new(
        "SR 9",
        now=clock.now(),
        title="OA系统无法登录",
        keywords=("OA登录",),
        description="提示权限不足",
    )
    found = similar_cases(past, case)
    numbers = [s.number for s in found]
    assert numbers[0] == "SR 1"
    assert set(numbers) == {"SR 1", "SR 6"}  # SR 3 is open, SR 4 has no resolution
    assert found[0].case.resolution.startswith("在后台")
    assert found[0].score >= found[-1].score


def test_similar_english_cases(past, clock):
    case = Case.new("SR 9", now=clock.now(), title="NFS mount hangs on db02 after reboot")
    [found] = similar_cases(past, case)
    assert found.number == "SR 2" and found.snippet is not None
    assert "title" in found.fields or "description" in found.fields


def test_a_case_is_not_similar_to_itself_and_nothing_is_no_noise(past):
    assert [s.number for s in similar_cases(past, past.get_case("SR 2"))] == []
    lonely = Case.new("SR 9", now=T0, title="Quarterly invoice template")
    assert similar_cases(past, lonely) == []
    assert similar_cases(past, Case.new("SR 10", now=T0)) == []


def test_the_terms_a_similar_case_is_looked_for_by():
    case = Case.new("X", now=T0, title="无法登录OA系统 after the update", keywords=("VPN",))
    terms = [t.text for t in similarity_terms(case)]
    assert terms[0] == "VPN"
    assert {"无法登", "法登录", "OA", "系统", "update"} <= set(terms)
    assert "the" not in terms and "after" not in terms


def test_reuse_fills_e2_with_the_reference_or_e1(past):
    nfs = reuse(past.get_case("SR 2"))
    assert (nfs.template_id, nfs.values) == (
        "E2",
        {"reference_doc": "https://kb.example.com/nfs-hang"},
    )
    assert nfs.resolution.startswith("Mount with") and nfs.keywords == ("nfs",)
    assert nfs.root_cause == "A known nfs-utils bug." and nfs.source == "SR 2"
    oa = reuse(past.get_case("SR 1"))  # the document named in the resolution
    assert oa.values == {"reference_doc": "Doc ID 2887451.1"} and oa.template_id == "E2"
    printer = reuse(past.get_case("SR 5"))
    assert (printer.template_id, printer.values) == ("E1", {})


def test_reuse_values_never_lend_the_customer_or_the_case(past):
    case = past.get_case("SR 2")
    values = reuse_values(case)
    assert set(values) <= {"reference_doc"}


@pytest.mark.parametrize(
    ("resolution", "reference"),
    [
        ("See https://support.example.com/kb/123.", "https://support.example.com/kb/123"),
        ("Applied the fix in KB5034441, rebooted", "KB5034441"),
        ("Per Document ID: 1234.1", "Document ID: 1234.1"),
        ("Restarted the service", ""),
    ],
)
def test_references_named_in_a_resolution(resolution, reference):
    assert reference_of(Case.new("X", now=T0, resolution=resolution)) == reference


def test_merged_keywords():
    assert merged_keywords(("OA登录", "vpn"), ("VPN", "权限配置", " ")) == (
        "OA登录",
        "vpn",
        "权限配置",
    )


# -- the knowledge base and its handbook --------------------------------------------------


def test_knowledge_cases_are_the_flagged_ones(past):
    assert {c.number for c in knowledge_cases(past)} == {"SR 1", "SR 2", "SR 6"}


def test_similar_cases_are_one_problem(past):
    problems = group_problems(knowledge_cases(past))
    by_title = {p.title: p for p in problems}
    # SR 1 and SR 6 share a keyword (权限配置) and a root cause: one problem, newest first.
    oa = by_title["OA 登录后权限不足"]
    assert [c.number for c in oa.cases] == ["SR 6", "SR 1"]
    assert oa.keywords == ("权限配置", "OA登录") and oa.root_causes == ("权限配置错误",)
    assert oa.resolutions == ("重新分配角色。", "在后台重新分配角色权限后恢复。见 Doc ID 2887451.1")
    assert problems[0] is oa  # the most cases first
    assert len(problems) == 2


def test_the_handbook_in_markdown(past):
    text = handbook(knowledge_cases(past), today=date(2026, 12, 2))
    assert text.startswith("# Frequent problems handbook\n\n2 problems from 3 knowledge-base cases")
    assert text.index("## Software") < text.index("## Network")
    assert "### OA 登录后权限不足" in text and "### NFS hang on app01" in text
    assert "*Keywords:* 权限配置 · OA登录" in text
    assert "**Root cause.** 权限配置错误" in text
    assert "**Resolution.**\n\n- 重新分配角色。\n- 在后台重新分配角色权限后恢复。" in text
    assert "**Cases.** SR 6 (2026-11-29), SR 1 (2026-10-23)" in text
    assert "**Symptoms.** NFS mounts hang after the nightly reboot." in text


def test_the_handbook_in_chinese_and_when_empty(past, store):
    zh = handbook(knowledge_cases(past), lang="zh", today=date(2026, 12, 2))
    assert zh.startswith("# 常见问题手册") and "## 软件应用" in zh and "**根本原因.**" in zh
    assert "勾选" in handbook([], lang="zh", today=date(2026, 12, 2))


def test_markdown_in_the_text_is_kept_as_text(store):
    make(
        store,
        "SR 7",
        title="*bold* [link](x) `code` # not a heading",
        knowledge=True,
        resolution="a | b",
    )
    text = handbook(knowledge_cases(store), today=date(2026, 12, 2))
    assert "### \\*bold\\* \\[link\\](x) \\`code\\` \\# not a heading" in text
    assert "**Resolution.** a \\| b" in text
