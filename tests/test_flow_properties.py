"""Flowing never joins a line that the shared grammar (and so the linter) reads as a
closing or a signature line, whatever the lines around it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sr_tui.core import text
from sr_tui.core.templates.flow import flow
from sr_tui.core.templates.model import Email

PROSE = st.sampled_from(
    [
        "We have reviewed the logs you sent",
        "and the mount hangs after the NFS server restarts.",
        "Please run the command below",
        "  sudo sosreport",
        "- The output of nfsstat -m",
        "  on every client",
        "To generate:",
        "",
        "Thank you for your patience while we look into this.",
    ]
)
CLOSINGS = st.sampled_from(
    [
        "Best regards,",
        "Many thanks,",
        "Kind regards,",
        "Thanks,",
        "Warmly,",
        "Cheers,",
        "With care,",
        "Regards,",
        "  Thank you,",
        "Your Example Support Team,",
    ]
)
SIGNATURES = st.sampled_from(
    [
        "Sam Lee",
        "Linux Support",
        "Alice Chen",
        "Senior Support Engineer",
        "Storage Support",
        "+1 555 0100",
        "Bo",
    ]
)
TEXT_LINE = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"),
    max_size=40,
)


@st.composite
def bodies(draw) -> list[str]:
    lines = ["Hi Alice,", ""]
    lines += draw(st.lists(st.one_of(PROSE, TEXT_LINE), max_size=12))
    lines += ["", draw(CLOSINGS)]
    lines += draw(st.lists(SIGNATURES, min_size=1, max_size=3))
    return lines


def kept_lines(lines: list[str]) -> list[str]:
    """The lines lint reads as a closing, or as part of the signature block."""
    parts = text.outline(lines)
    kept = [line for line in lines if text.is_closing(line)]
    if parts.signature < parts.footer:
        kept += lines[parts.signature : parts.footer]
    return [line for line in kept if line.strip()]


@settings(max_examples=300, deadline=None)
@given(bodies())
def test_flowing_never_joins_a_closing_or_signature_line(lines):
    body = "\n".join(lines)
    flowed = flow(Email("T1", "Subject", body)).body.split("\n")
    stripped = [line.strip() for line in flowed]
    for line in kept_lines(lines):
        assert line.strip() in stripped, (line, flowed)


def test_the_case_that_was_merged_before():
    body = "Hi,\n\nThe fix is\nin place.\n\nMany thanks,\nSam Lee\nLinux Support"
    assert flow(Email("T1", "S", body)).body == (
        "Hi,\n\nThe fix is in place.\n\nMany thanks,\nSam Lee\nLinux Support"
    )
