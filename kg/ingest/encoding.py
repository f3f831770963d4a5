"""Bytes to text: UTF-8 (with or without BOM), UTF-16, Windows-1256; binary and empty input refused."""

from __future__ import annotations

import codecs
import re
from typing import BinaryIO

from kg.errors import InputError
from kg.ingest.lang import ARABIC_LETTER

# An article is a few kilobytes; a file over this size is a mistake (an archive, a dump), not news.
MAX_INPUT_BYTES = 20 * 1024 * 1024

# Control characters that never occur in text (tab, newlines and form feed do).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Share of control characters above which decoded "text" is taken for binary data.
_MAX_CONTROL_SHARE = 0.01


def read_limited(stream: BinaryIO, source: str) -> bytes:
    """All of `stream`, or an InputError when it is longer than MAX_INPUT_BYTES."""
    data = stream.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(source, f"too large: over {MAX_INPUT_BYTES // (1024 * 1024)} MB, the limit for one article")
    return data


def decode(data: bytes, source: str, declared: str | None = None) -> str:
    """The text in `data`, with universal newlines; InputError if it is empty, binary or undecodable.

    `declared` is the encoding the data says it is in (an HTML page's charset): used when the
    data has no BOM and is not UTF-8 (pages often declare a charset they were converted from).
    """
    if not data.strip():
        raise InputError(source, "empty file" if not data else "no text: the file holds only whitespace")
    text = _refuse_binary(_decode_bytes(data, source, declared), source)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(source, "no text: the file holds only whitespace")
    return text


def _decode_bytes(data: bytes, source: str, declared: str | None) -> str:
    # The order matters: UTF-8 is strict enough that a successful decode is reliable; UTF-16
    # without a BOM shows itself by NUL bytes all on one side; a declared charset comes next;
    # Windows-1256 maps every byte, so it is accepted only when its non-ASCII characters are
    # mostly Arabic letters (ASCII, markup and English included, reads the same in all of them).
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig", source)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", source)
    if b"\x00" in data:
        return _utf16_by_nul_pattern(data, source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: Windows-1256 is still tried
    text = _refuse_binary(data.decode("cp1256"), source)
    if len(ARABIC_LETTER.findall(text)) < 0.5 * len(_NON_ASCII.findall(text)):
        raise InputError(source, "cannot decode: not UTF-8, UTF-16 or Windows-1256 Arabic text")
    return text


def _utf16_by_nul_pattern(data: bytes, source: str) -> str:
    """UTF-16 without BOM: ASCII characters give NUL bytes, all at odd (LE) or all at even (BE) offsets.
    Other NUL bytes, or UTF-16 that does not decode, are binary data."""
    even_nuls = data[0::2].count(0)
    odd_nuls = data[1::2].count(0)
    encoding = "utf-16-le" if not even_nuls else "utf-16-be" if not odd_nuls else None
    try:
        if encoding and len(data) % 2 == 0:
            return data.decode(encoding)
    except UnicodeDecodeError:
        pass
    raise InputError(source, "binary data, not text (NUL bytes)")


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(source, f"cannot decode as {encoding.upper()}: bad bytes at offset {exc.start}") from None


def _refuse_binary(text: str, source: str) -> str:
    """`text`, unless control characters show that the bytes were not text at all."""
    if len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        raise InputError(source, "binary data, not text")
    return text
