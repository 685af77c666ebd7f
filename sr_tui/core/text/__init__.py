"""The email grammar: which line of a support email is what.

One set of small, pure functions shared by everything that has to tell the parts of an
email apart: the linter (`core/lint`), the flowed layout (which joins paragraph lines but
must keep the closing and signature lines) and the .eml HTML (lists, signature lines).
Each function reads one line (a `str` without its line break; a trailing "\\r" and any
indentation are tolerated) or a list of lines, never raises, and runs in time linear in
its input. Nothing here knows about the house style's *policy* (which greeting is right);
it only says what a line *is*.

Greeting (the first body line)::

    is_greeting("Hi Alice,")          -> True   also "Dear __________.", "Hello team",
                                                "Good morning,", "Alice,"
    split_greeting("Dear Dr. Chen, thanks for the logs.")
        -> Greeting(word="Dear", name="Dr. Chen", kind="name", punct=",",
                    tail="thanks for the logs.")
    greeting_kind(name)               -> "none" | "name" | "role" | "blank" |
                                         "placeholder" | "other"
    is_role("Cloud User")             -> True   a role or group, not a person's name

Bullet (a list item)::

    BULLET                            compiled: the marker at the start of a line:
                                      "- ", "* ", "• ", "– ", "1. ", "2) ", "a) ", "(3) "
    is_bullet("  - Restart nfs")      -> True
    bullet_text("  - Restart nfs")    -> "Restart nfs"   (None when not a bullet)

Closing (the sign-off line)::

    is_closing("Many thanks,")        -> True   any sign-off: house or not
    is_house_closing("Kind regards,") -> True   one of HOUSE_CLOSINGS
    is_house_closing("Warmly,")       -> False  a closing the house does not use
    closing_name("Thanks, Sam")       -> "Sam"  a name written on the closing line
    HOUSE_CLOSING                     "Best regards," (what the house style writes)

    House closings: Best regards, Kind regards, Regards, Thanks, Many thanks, Thank you
    (any case, with ",", "." , "!" or nothing). Also recognised: Warmly, With care,
    Cheers, Sincerely, Best, Best wishes, Warm regards, Yours sincerely, Take care,
    Thanks again, Thanks and regards, BR, Your <Company> Support Team, "Thank you for
    your patience," and more (`OTHER_CLOSINGS`).

Signature (the lines under the closing)::

    is_signature_line("Sam Lee")      -> True   a name, a title or team, a contact line
    closing_index(lines)              -> index of the last closing line, or -1
    signature_start(lines)            -> index of the first signature line: the first
                                         non-blank line after the last closing, or, with
                                         no closing, the name/team lines ending the last
                                         block; `stop` when there is none

Footer (non-body material: nothing in it is the writer's message)::

    is_signature_separator("-- ")     -> True   RFC 3676 "-- " (also "--")
    is_history_marker(line)           -> True   "On ... wrote:", "-----Original
                                                Message-----", "Begin forwarded message:"
    is_reply_marker(line)             -> True   "--reply above this line--",
                                                "##- Please type your reply above this line -##"
    is_disclaimer(block)              -> True   a confidentiality / legal / unsubscribe text
    body_start(lines)                 -> the first line that is not blank, a reply marker
                                         or decoration ("—-—-—")
    footer_start(lines)               -> index of the first footer line (len(lines) when
                                         none): a "-- " separator, quoted history (also an
                                         Outlook "From:/Sent:" header block and a trailing
                                         run of "> " lines), a reply marker below the body,
                                         a disclaimer or legal block (with a rule line
                                         above it) that no closing follows, "Sent from my
                                         iPhone"

Whole email::

    greeting_index(lines)             -> the greeting line: the first body line, or the
                                         greeting under a help-desk preamble ("Your
                                         request was updated", "-----", author, date)
    outline(lines) -> Outline(body, greeting, closing, signature, footer)
        line indexes in one pass: the first body line (after a "Subject:" line, leading
        blanks and reply markers), the greeting (-1), the closing (-1), the first
        signature line and the first footer line (`footer` and len(lines) when absent).
        A layout keeps the lines from `closing` on as they are; everything from
        `footer` on is not body.
"""

from __future__ import annotations

from sr_tui.core.text.bullets import BULLET, bullet_text, is_bullet
from sr_tui.core.text.closing import (
    HOUSE_CLOSING,
    HOUSE_CLOSINGS,
    MAY_CLOSE,
    OTHER_CLOSINGS,
    closing_name,
    is_closing,
    is_house_closing,
)
from sr_tui.core.text.footer import (
    footer_start,
    is_disclaimer,
    is_history_marker,
    is_reply_marker,
    is_signature_separator,
)
from sr_tui.core.text.greeting import Greeting, greeting_kind, is_greeting, split_greeting
from sr_tui.core.text.names import is_role
from sr_tui.core.text.outline import Outline, body_start, greeting_index, outline
from sr_tui.core.text.signature import closing_index, is_signature_line, signature_start

__all__ = [
    "BULLET",
    "HOUSE_CLOSING",
    "HOUSE_CLOSINGS",
    "MAY_CLOSE",
    "OTHER_CLOSINGS",
    "Greeting",
    "Outline",
    "body_start",
    "bullet_text",
    "closing_index",
    "closing_name",
    "footer_start",
    "greeting_index",
    "greeting_kind",
    "is_bullet",
    "is_closing",
    "is_disclaimer",
    "is_greeting",
    "is_history_marker",
    "is_house_closing",
    "is_reply_marker",
    "is_role",
    "is_signature_line",
    "is_signature_separator",
    "outline",
    "signature_start",
    "split_greeting",
]
