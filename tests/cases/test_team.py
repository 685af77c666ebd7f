"""A team on one store: assignment and handover, "my cases", entries by id, who did what,
and the places where the two backends could drift apart (text matching, ordering).
Against every backend in conftest.BACKENDS."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta

import pytest

from sr_tui.core.cases.export import export_jsonl, import_jsonl
from sr_tui.core.cases.model import EntryKind, Stage, Status
from sr_tui.core.cases.store import ConflictError, NotFoundError
from sr_tui.core.cases.team import assignee_of, is_assignment

from .helpers import a_case, email_entry, entry_of_kind

# -- assignment --------------------------------------------------------------------------


def test_assigning_changes_the_record_and_writes_the_handover(store, clock):
    store.create_case(a_case(clock, "SR 3-1", assignee="Ann Lee"))
    clock.advance(minutes=12)
    moved = store.assign("SR 3-1", " Bob   Chen ", by="Ann Lee", notes="Ann is on leave")
    assert (moved.assignee, moved.version, moved.updated_at) == ("Bob Chen", 2, clock.now())
    assert moved.last_activity_at == clock.now()
    (entry,) = store.entries("SR 3-1")
    assert entry.kind is EntryKind.NOTE and is_assignment(entry)
    assert (entry.action, entry.author, entry.at) == (
        "assigned to Bob Chen",
        "Ann Lee",
        clock.now(),
    )
    assert entry.notes == "from Ann Lee; Ann is on leave"
    assert entry.stage is Stage.INITIAL_RESPONSE
    assert assignee_of(entry) == "Bob Chen"
    assert store.get_case("SR 3-1") == moved


def test_assigning_to_the_same_person_writes_nothing(store, clock):
    store.create_case(a_case(clock, "SR 3-1", assignee="Bob Chen"))
    assert store.assign("SR 3-1", "Bob Chen", by="Ann").version == 1
    assert store.entries("SR 3-1") == []


def test_unassigning_and_the_default_author(store, clock):
    store.create_case(a_case(clock, "SR 3-1", assignee="Bob"))
    store.set_status("SR 3-1", Status.WAITING_DEVELOPMENT)
    at = clock.now() - timedelta(minutes=3)
    case = store.assign("SR 3-1", "", at=at)
    assert case.assignee == ""
    entry = store.entries("SR 3-1")[0]  # the earlier time sorts first
    assert (entry.action, entry.author, entry.notes, entry.at) == (
        "unassigned",
        "Ann",
        "from Bob",
        at,
    )
    assert entry.stage is Stage.SOLUTION and assignee_of(entry) == ""


def test_assigning_can_check_the_version_and_needs_the_case(store, clock):
    store.create_case(a_case(clock, "SR 3-1"))
    store.set_status("SR 3-1", "accepted")
    with pytest.raises(ConflictError):
        store.assign("SR 3-1", "Bob", expected_version=1)
    assert store.get_case("SR 3-1").assignee == ""
    with pytest.raises(NotFoundError):
        store.assign("SR 404", "Bob")


def test_my_cases_and_the_team(store, clock):
    store.create_case(a_case(clock, "SR 3-1", assignee="Ann Lee"))
    clock.advance(minutes=1)
    store.create_case(a_case(clock, "SR 3-2", assignee="Bob Chen"))
    clock.advance(minutes=1)
    store.create_case(a_case(clock, "SR 3-3"))
    clock.advance(minutes=1)
    store.assign("SR 3-3", "Ann Lee")

    def numbers(**kw):
        return [c.number for c in store.list_cases(**kw)]

    assert numbers(assignee="Ann Lee") == ["SR 3-3", "SR 3-1"]
    assert numbers(assignee=" Ann  Lee") == ["SR 3-3", "SR 3-1"]
    assert numbers(assignee="ann lee") == []  # a name is exact
    assert numbers(assignee="Bob Chen") == ["SR 3-2"]
    assert numbers(assignee="") == []
    assert numbers() == ["SR 3-3", "SR 3-2", "SR 3-1"]  # the team
    store.set_status("SR 3-1", "closed", reason="confirmed")
    assert numbers(assignee="Ann Lee", statuses=[Status.NEW]) == ["SR 3-3"]
    assert numbers(assignee="Ann Lee", text="3-1") == ["SR 3-1"]
    assert store.list_cases(assignee="Bob Chen")[0].assignee == "Bob Chen"


def test_a_handover_is_exported_and_imported_losslessly(store_factory, tmp_path, clock):
    source = store_factory(location=tmp_path / "a")
    source.create_case(a_case(clock, "SR 3-1", assignee="Ann"))
    source.assign("SR 3-1", "Bob", by="Ann", notes="over to you")
    out = io.StringIO()
    export_jsonl(source, out)
    target = store_factory(location=tmp_path / "b")
    import_jsonl(target, out.getvalue().splitlines())
    assert target.get_case("SR 3-1") == source.get_case("SR 3-1")
    assert target.entries("SR 3-1") == source.entries("SR 3-1")


# -- entries by id, who did what ---------------------------------------------------------


def test_an_entry_is_found_by_its_id_on_its_case(store, clock):
    store.create_case(a_case(clock, ""))
    mail = store.append_entry(email_entry("TS20261202001", clock))
    assert store.get_entry(mail.id) == mail
    assert store.get_entry("no-such-entry") is None
    store.renumber_case("TS20261202001", "SR 3-9", 1)
    assert store.get_entry(mail.id).case_number == "SR 3-9"


def test_every_engineer_is_named_on_what_they_wrote(store_factory, clock):
    ann, bob = store_factory("Ann Lee"), store_factory("Bob Chen")
    ann.create_case(a_case(clock, "SR 3-1"))
    bob.set_status("SR 3-1", "accepted")
    ann.append_entry(replace(entry_of_kind(EntryKind.CALL, "SR 3-1", clock), author="Ann Lee"))
    bob.assign("SR 3-1", "Bob Chen")
    authors = [(e.kind, e.author) for e in ann.entries("SR 3-1")]
    assert authors == [("status", "Bob Chen"), ("call", "Ann Lee"), ("note", "Bob Chen")]
    assert ann.get_case("SR 3-1").updated_by == "Bob Chen"


def test_the_conflict_message_reads_who_changed_it_and_when(store_factory, clock):
    ann, bob = store_factory("Ann Lee"), store_factory("Bob Chen")
    case = ann.create_case(a_case(clock, "SR 3-1"))
    clock.advance(minutes=72)
    bob.update_case(replace(case, title="Bob's"), 1)
    mine = replace(case, title="Ann's", company="Acme")
    with pytest.raises(ConflictError) as caught:
        ann.update_case(mine, 1)
    hhmm = clock.now().astimezone().strftime("%H:%M")
    assert caught.value.user_message.startswith(f"Bob Chen changed this case (SR 3-1) at {hhmm}")
    assert "reload to see it" in caught.value.user_message
    assert (mine.title, mine.company) == ("Ann's", "Acme")  # the caller still has it
    fresh = ann.get_case("SR 3-1")
    saved = ann.update_case(replace(fresh, company=mine.company), fresh.version)
    assert (saved.title, saved.company, saved.version) == ("Bob's", "Acme", 3)


# -- where two backends could differ -----------------------------------------------------


def test_text_matching_folds_ascii_letters_only(store, clock):
    store.create_case(a_case(clock, "SR 3-1", title="NFS hang", company="Müller GmbH"))
    store.create_case(a_case(clock, "SR 3-2", title="under_score", keywords=('say "hi"',)))

    def numbers(text):
        return sorted(c.number for c in store.list_cases(text=text))

    assert numbers("nfs") == numbers("NFS") == ["SR 3-1"]
    assert numbers("müller") == ["SR 3-1"]
    assert numbers("MÜLLER") == []  # as SQLite's LIKE: only A-Z fold
    assert numbers("_") == ["SR 3-2"]  # a character, not a wildcard
    assert numbers("r_s") == ["SR 3-2"]
    assert numbers("hi") == ["SR 3-2"]


def test_equal_times_order_by_number_byte_for_byte(store, clock):
    for number in ("SR 3-9", "SR 3-10", "sr 3-2", "TS1", "Ärger 1"):
        store.create_case(a_case(clock, number))
    assert [c.number for c in store.list_cases()] == sorted(
        ["SR 3-9", "SR 3-10", "sr 3-2", "TS1", "Ärger 1"], key=lambda n: n.encode(), reverse=True
    )


# -- "my cases" and "team" views of the due queue and the review -------------------------


def _team_of_three(store, clock):
    store.create_case(a_case(clock, "SR 3-1", title="NFS hang", assignee="Ann Lee"))
    store.create_case(a_case(clock, "SR 3-2", title="OA login", assignee="Bob Chen"))
    store.create_case(a_case(clock, "SR 3-3", title="Disk full"))
    store.assign("SR 3-3", "Ann Lee")


def test_the_due_queue_of_my_cases_and_of_the_team(store, clock):
    from sr_tui.core.cases.calendar import BusinessCalendar
    from sr_tui.core.cases.next_steps_table import load_steps
    from sr_tui.core.cases.queue import DueQueue
    from sr_tui.core.cases.sla_policy import SlaPolicy

    _team_of_three(store, clock)
    steps, problems = load_steps()
    assert not problems
    queue = DueQueue(store, steps, SlaPolicy(), BusinessCalendar(tz=clock.now().tzinfo))
    now = clock.now() + timedelta(days=1)
    team = queue.rows(now, "all")
    assert {r.item.case_number for r in team} == {"SR 3-1", "SR 3-2", "SR 3-3"}
    assert {r.item.case_number: r.item.assignee for r in team} == {
        "SR 3-1": "Ann Lee",
        "SR 3-2": "Bob Chen",
        "SR 3-3": "Ann Lee",
    }
    mine = queue.rows(now, "all", assignee=" Ann  Lee")
    assert {r.item.case_number for r in mine} == {"SR 3-1", "SR 3-3"}
    assert [r for r in team if r.item.assignee == "Ann Lee"] == mine  # the same rows
    assert {r.to_json()["assignee"] for r in queue.rows(now, "all", assignee="Bob Chen")} == {
        "Bob Chen"
    }
    assert queue.rows(now, "all", assignee="") == []  # the unassigned: none here


def test_the_review_of_my_cases_and_of_the_team(store, clock):
    from sr_tui.core.cases.review import monthly_review
    from sr_tui.core.cases.review_formats import to_json
    from sr_tui.core.cases.review_markdown import to_markdown
    from sr_tui.core.cases.review_text import to_text

    _team_of_three(store, clock)
    now = clock.now() + timedelta(days=40)
    year, month = clock.now().year, clock.now().month
    team = monthly_review(store, year, month, now=now)
    assert team.opened == ("SR 3-1", "SR 3-2", "SR 3-3") and team.assignee is None
    assert set(team.by_assignee) == {"Ann Lee", "Bob Chen"}
    mine = monthly_review(store, year, month, now=now, assignee="Ann  Lee")
    assert mine.opened == ("SR 3-1", "SR 3-3") and mine.assignee == "Ann Lee"
    assert set(mine.by_assignee) == {"Ann Lee"}
    assert to_json(mine)["assignee"] == "Ann Lee" and to_json(team)["assignee"] is None
    assert "Ann Lee's cases" in to_text(mine).splitlines()[0]
    assert "Ann Lee's cases" in to_markdown(mine).splitlines()[0]
    assert "Ann Lee" in to_text(mine, "zh").splitlines()[0]
    assert "cases" not in to_text(team).splitlines()[0]


@pytest.mark.parametrize(
    ("before", "after", "en", "zh"),
    [
        ("Ann Lee", "Bob Chen", "assigned to Bob Chen", "转交给 Bob Chen"),
        ("Ann Lee", "", "unassigned", "改为无人受理"),
        ("", "Bob Chen", "assigned to Bob Chen", "转交给 Bob Chen"),
    ],
)
def test_a_handover_reads_in_the_language_of_the_screen(before, after, en, zh):
    from datetime import UTC, datetime

    from sr_tui.core.cases.export import describe
    from sr_tui.core.cases.team import assignment_entry

    at = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
    entry = assignment_entry("SR 1", before, after, at=at, by="Ann Lee", stage=Stage.DIAGNOSIS)
    assert describe(entry, "en") == en
    assert describe(entry, "zh") == zh


def test_a_note_that_is_no_handover_keeps_its_words_in_chinese():
    from datetime import UTC, datetime

    from sr_tui.core.cases.export import describe
    from sr_tui.core.cases.model import Entry

    at = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
    entry = Entry.new("SR 1", EntryKind.NOTE, at=at, stage=Stage.DIAGNOSIS, action="called Ann")
    assert describe(entry, "zh") == "called Ann"
