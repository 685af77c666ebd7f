"""The HTML part of an .eml draft: paragraphs as `<p>`, bullets as real `<ul>` lists,
indented lines (commands) monospace, `code` spans as `<code>`, URLs as links."""

from __future__ import annotations

import html
import re

from sr_tui.core import text

_NUMBERED = re.compile(r"[ \t]*(\d{1,2})[.)][ \t]+(.*)")
_URL = re.compile(r"https?://[^\s<>\"]*[^\s<>\".,;:!?)\]'’]")
#: A code span as people type it in plain text: `nfsstat -m` (no backtick inside).
_CODE = re.compile(r"`([^`\n]+)`")

_HTML_HEAD = (
    "<!DOCTYPE html>\n"
    '<html>\n<head>\n<meta charset="utf-8">\n'
    "<style>\n"
    "body { font-family: Calibri, Aptos, Arial, sans-serif; font-size: 11pt; }\n"
    "p { margin: 0 0 1em 0; }\n"
    "ul, ol { margin-top: 0; margin-bottom: 1em; }\n"
    "code { font-family: Consolas, 'Courier New', monospace; }\n"
    "</style>\n</head>\n<body>\n"
)
_HTML_FOOT = "</body>\n</html>\n"


def _inline(text: str) -> str:
    """Escaped text with its `code` spans monospace and its URLs as links."""
    out: list[str] = []
    last = 0
    for m in _CODE.finditer(text):
        out.append(_links(text[last : m.start()]))
        out.append(f"<code>{html.escape(m.group(1), quote=False)}</code>")
        last = m.end()
    out.append(_links(text[last:]))
    return "".join(out)


def _links(text: str) -> str:
    """Escaped text with its URLs as links."""
    out: list[str] = []
    last = 0
    for m in _URL.finditer(text):
        out.append(html.escape(text[last : m.start()], quote=False))
        url = html.escape(m.group(0))
        out.append(f'<a href="{url}">{url}</a>')
        last = m.end()
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)


def _code(line: str) -> str:
    """An indented line (a command): monospace, its indent kept."""
    stripped = line.lstrip(" \t")
    indent = len(line) - len(stripped)
    return "&nbsp;" * indent + f"<code>{html.escape(stripped, quote=False)}</code>"


def _html_block(lines: list[str]) -> list[str]:
    """One blank-line separated block as HTML elements."""
    out: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_tag = ""

    def close_paragraph() -> None:
        if paragraph:
            out.append("<p>" + "<br>\n".join(paragraph) + "</p>\n")
            paragraph.clear()

    def close_list() -> None:
        nonlocal list_tag
        if items:
            inner = "".join(f"<li>{item}</li>\n" for item in items)
            out.append(f"<{list_tag}>\n{inner}</{list_tag}>\n")
            items.clear()
        list_tag = ""

    for line in lines:
        item = text.bullet_text(line)
        if item is not None:
            tag = "ol" if _NUMBERED.fullmatch(line) else "ul"
            close_paragraph()
            if list_tag != tag:
                close_list()
            list_tag = tag
            items.append(_inline(item))
        elif line[:1] in (" ", "\t"):
            if items:  # a command under a bullet belongs to it
                items[-1] += "<br>\n" + _code(line)
            else:
                paragraph.append(_code(line))
        else:
            close_list()
            paragraph.append(_inline(line))
    close_list()
    close_paragraph()
    return out


def html_body(body: str) -> str:
    """An HTML document for a flowed body: blank-line separated blocks become `<p>`s, bullet
    lines `<ul>` (numbered ones `<ol>`) lists, indented lines monospace; other line breaks
    inside a block (lead-ins, the signature) are `<br>`."""
    parts: list[str] = [_HTML_HEAD]
    for block in re.split(r"\n[ \t]*\n", body.strip("\n")):
        parts.extend(_html_block([line.rstrip() for line in block.split("\n") if line.strip()]))
    parts.append(_HTML_FOOT)
    return "".join(parts)
