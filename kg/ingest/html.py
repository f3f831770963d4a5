"""Web pages: the article text without navigation, scripts and boilerplate (trafilatura), title and date from the page."""

from __future__ import annotations

import re
from typing import BinaryIO, Iterator

from kg.errors import InputError
from kg.ingest.encoding import decode, read_limited
from kg.ingest.text import article_from_text
from kg.records import Article

# <meta charset="windows-1256"> or <meta http-equiv="Content-Type" content="text/html; charset=...">
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def read_html(stream: BinaryIO, *, name: str, source: str, default_lang: str | None) -> Iterator[Article]:
    """One article from an .html page. Comments are left out; headlines and photo captions are kept."""
    import lxml.html
    import trafilatura  # slow to import: only when a page is read

    page = _decode_page(read_limited(stream, source), source)
    try:
        tree = lxml.html.document_fromstring(page)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise InputError(source, f"not an HTML page: {exc}") from None
    _captions_as_paragraphs(tree)
    extracted = trafilatura.bare_extraction(
        tree, include_comments=False, include_tables=True, with_metadata=True, favor_recall=True
    )
    if extracted is None or not (extracted.text or "").strip():
        raise InputError(source, "no article text found in the page")
    title = (extracted.title or "").strip() or None
    text = extracted.text
    if title and title not in text.split("\n", 1)[0]:
        text = f"{title}\n\n{text}"  # the headline is news: it belongs to the text like a .txt's first line
    yield article_from_text(
        text, name=name, source=source, default_lang=default_lang, title=title, date=extracted.date, url=extracted.url
    )


def _decode_page(data: bytes, source: str) -> str:
    """The page's text, in the charset it declares if that charset reads it."""
    declared = _DECLARED_CHARSET.search(data[:4096])
    return decode(data, source, declared.group(1).decode("ascii") if declared else None)


def _captions_as_paragraphs(tree) -> None:
    """Photo captions are news, but trafilatura drops <figure> whole: lift each <figcaption> out as a <p>."""
    from lxml.html import Element

    for figure in list(tree.iter("figure")):
        anchor = figure
        for caption in list(figure.iter("figcaption")):
            paragraph = Element("p")
            paragraph.text = caption.text_content()
            anchor.addnext(paragraph)
            anchor = paragraph
