"""The .eml draft's headers, built here so that no value can ever add a header.

The `email` package cannot be trusted with values: it parses what it is given, decodes
RFC 2047 encoded words in it, and some Python versions (3.11.7, CVE-2024-6923) write the
decoded text back unescaped, so `=?utf-8?q?x=0D=0ABcc=3A_evil=40x=2Ecom?=` in a subject
becomes a real `Bcc:` line. So the Subject and To are encoded and folded here, into
pure-ASCII text the package stores and writes as it is (an object with `name` and
`fold`, as `EmailPolicy.header_store_parse` documents):

- every value first loses its line breaks and control characters (`one_line`);
- plain ASCII text (single spaces, no `=?`, short words) is written as it is, folded
  at spaces; anything else is RFC 2047-encoded as UTF-8 by `email.header.Header`, which
  encodes `=`, `?` and every non-ASCII character;
- an address is a validated ASCII addr-spec, its display name an atom phrase, a quoted
  string or encoded words.

`check_headers` then reads the written header block back and refuses the draft if it
holds any header but the ones sr-tui wrote, once each: defence in depth.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from sr_tui.core.handoff.recipients import HandoffError, checked_addr_spec
from sr_tui.core.safe_text import one_line

if TYPE_CHECKING:
    from email.headerregistry import Address

MAX_LINE = 78
#: The longest plain word written as it is (a longer one is encoded, so it can be split).
_WORD_LIMIT = MAX_LINE - 10
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]"
_PHRASE = re.compile(rf"{_ATEXT}+(?: {_ATEXT}+)*")
_PRINTABLE = re.compile(r"[\x20-\x7e]*")
_MESSAGE_ID = re.compile(r"<[\x21-\x3b\x3d\x3f-\x7e]+@[\x21-\x3b\x3d\x3f-\x7e]+>")


class RawHeader(str):
    """A header value already encoded here: stored by the `email` package unparsed and
    written back folded as we folded it."""

    name: str
    _lines: tuple[str, ...]

    def __new__(cls, name: str, lines: Sequence[str]) -> RawHeader:
        made = super().__new__(cls, " ".join(lines))
        made.name = name
        made._lines = tuple(lines)
        return made

    def fold(self, *, policy) -> str:
        return f"{self.name}: " + (policy.linesep + " ").join(self._lines) + policy.linesep


def _fold_words(words: Iterable[str], first_width: int) -> list[str]:
    """Words joined by single spaces into lines of at most MAX_LINE characters (a word
    longer than that gets a line of its own)."""
    lines: list[str] = []
    line = ""
    width = MAX_LINE - first_width
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line, width = word, MAX_LINE - 1
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return lines


def _is_plain(text: str, limit: int) -> bool:
    """Text a header may carry as it is: printable ASCII words of at most `limit`
    characters between single spaces, and nothing a reader would decode (`=?`)."""
    if not text or "=?" in text or not _PRINTABLE.fullmatch(text):
        return False
    words = text.split(" ")
    return all(0 < len(w) <= limit for w in words)


def _encoded_words(text: str, header_name: str) -> list[str]:
    """`text` as RFC 2047 UTF-8 encoded words, one per element (each under 76 chars)."""
    from email.header import Header

    encoded = Header(text, "utf-8", header_name=header_name).encode(linesep="\n")
    return [w for w in re.split(r"\s+", encoded) if w]


def _unstructured_words(text: str, header_name: str) -> list[str]:
    """`text` as header words: plain words as they are, each run of other words as
    encoded words (a reader drops the spaces between two encoded words, so a run's own
    spaces are encoded inside it). Text with runs of spaces is encoded whole."""
    if "  " in text:
        return _encoded_words(text, header_name)
    words: list[str] = []
    run: list[str] = []
    for word in text.split(" "):
        if _is_plain(word, _WORD_LIMIT):
            if run:
                words += _encoded_words(" ".join(run), header_name)
                run = []
            words.append(word)
        else:
            run.append(word)
    if run:
        words += _encoded_words(" ".join(run), header_name)
    return words


def subject_header(subject: str) -> RawHeader:
    """The Subject header for `subject`, which reads back as `one_line(subject)` with
    its outer spaces removed."""
    text = one_line(subject).strip()
    if not text:
        return RawHeader("Subject", [""])
    return RawHeader("Subject", _fold_words(_unstructured_words(text, "Subject"), 9))


def _address_words(address: Address) -> list[str]:
    spec = f"<{checked_addr_spec(address.addr_spec)}>"
    # A reader collapses runs of spaces in a display name (a phrase); so do we.
    name = re.sub(" +", " ", one_line(address.display_name)).strip()
    if not name:
        return [spec[1:-1]]
    if "=?" not in name and _PHRASE.fullmatch(name):
        return [*name.split(" "), spec]
    if "=?" not in name and _PRINTABLE.fullmatch(name) and len(name) < MAX_LINE - 10:
        quoted = name.replace("\\", "\\\\").replace('"', '\\"')
        return [f'"{quoted}"', spec]
    return [*_encoded_words(name, "To"), spec]


def to_header(addresses: Sequence[Address], name: str = "To") -> RawHeader:
    """The To header (or another address header, `name`): the addresses, comma
    separated, folded at spaces."""
    words: list[str] = []
    for n, address in enumerate(addresses):
        piece = _address_words(address)
        if n < len(addresses) - 1:
            piece[-1] += ","
        words += piece
    return RawHeader(name, _fold_words(words, len(name) + 2))


def message_id_header(message_id: str) -> str:
    if not _MESSAGE_ID.fullmatch(message_id):
        raise HandoffError(f"'{one_line(message_id)}' is not a Message-ID like <id@host>")
    return message_id


def header_names(data: bytes) -> list[str]:
    """The names of the top-level headers of a message, in order, as a reader sees them:
    every line of the header block that does not start with white space starts one."""
    block = data.split(b"\r\n\r\n", 1)[0].replace(b"\r\n", b"\n")
    names = []
    for line in re.split(rb"[\r\n]", block):
        if not line or line[:1] in (b" ", b"\t"):
            continue
        names.append(line.split(b":", 1)[0].decode("ascii", "replace"))
    return names


def check_headers(data: bytes, expected: Sequence[str]) -> None:
    """Refuse a message whose header block is not exactly `expected` (in any order)."""
    names = header_names(data)
    if sorted(n.lower() for n in names) != sorted(n.lower() for n in expected):
        raise HandoffError(
            "the draft's headers came out wrong (a value tried to add a header); "
            "nothing was written"
        )
