"""Database addresses as sr-tui shows and reads them: the one `mask_url()` every message,
log line and command output goes through, so a password typed into `database_url` is
never printed, and the `sqlite:///path` form `sr-tui db copy` takes beside
`postgresql://...`.

A password can sit in three places of a libpq address: `postgresql://ann:SECRET@host/db`,
`?password=SECRET`, or `password=SECRET` in the key=value form (`host=db password=...`).
All three are masked; `scrub()` also removes the password's text wherever else it shows
up (an error message that echoes a part of the address). Better still, keep it out of the
address: `?passfile=/path` (libpq's own), `PGPASSFILE` or `PGPASSWORD`.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

MASK = "***"

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
SQLITE_SCHEME = "sqlite://"

_QUERY_PASSWORD = re.compile(r"([?&]password=)[^&#]*", re.IGNORECASE)
_KEYWORD_PASSWORD = re.compile(r"(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)


def is_postgres_url(text: str) -> bool:
    return text.strip().lower().startswith(POSTGRES_SCHEMES)


def is_sqlite_url(text: str) -> bool:
    return text.strip().lower().startswith(SQLITE_SCHEME)


def _userinfo_span(url: str) -> tuple[int, int] | None:
    """Where `user:password` sits in a URL (start, end of the password), if it has one.
    The userinfo runs to the last `@` before the query, so a password with an unescaped
    `/` or `@` is still found."""
    head = url.find("://")
    if head < 0:
        return None
    start = head + 3
    query = url.find("?", start)
    authority = url[start : query if query >= 0 else len(url)]
    at = authority.rfind("@")
    if at < 0:
        return None
    colon = authority.find(":", 0, at)
    if colon < 0:
        return None
    return start + colon + 1, start + at


def passwords(url: str) -> set[str]:
    """Every spelling of the password the address holds (raw and percent-decoded)."""
    found: set[str] = set()
    span = _userinfo_span(url)
    if span and span[1] > span[0]:
        raw = url[span[0] : span[1]]
        found |= {raw, unquote(raw)}
    for match in _QUERY_PASSWORD.finditer(url):
        raw = match.group(0)[len(match.group(1)) :]
        found |= {raw, unquote(raw)}
    if "://" not in url:
        for match in _KEYWORD_PASSWORD.finditer(url):
            raw = match.group(2)
            found |= {raw, raw.strip("'")}
    return {p for p in found if p}


def mask_url(url: str) -> str:
    """The address with any password replaced by `***` (user, host, database kept)."""
    text = url.strip()
    if "://" in text:
        span = _userinfo_span(text)
        if span:
            text = text[: span[0]] + MASK + text[span[1] :]
        return _QUERY_PASSWORD.sub(lambda m: m.group(1) + MASK, text)
    return _KEYWORD_PASSWORD.sub(lambda m: m.group(1) + MASK, text)


def scrub(text: str, url: str) -> str:
    """`text` (an error message, say) with the address masked and the password's text
    removed wherever else it appears."""
    out = text.replace(url, mask_url(url)) if url else text
    for secret in sorted(passwords(url), key=len, reverse=True):
        out = out.replace(secret, MASK)
    return out


def sqlite_path(url: str) -> Path:
    """The file of `sqlite:///abs/path/cases.db` (or `sqlite://~/cases.db`, or a plain
    path); `~` is expanded."""
    text = url.strip()
    if is_sqlite_url(text):
        text = text[len(SQLITE_SCHEME) :]
        if text.startswith("//"):  # sqlite:////abs/path: one leading slash is enough
            text = "/" + text.lstrip("/")
    return Path(unquote(text)).expanduser()
