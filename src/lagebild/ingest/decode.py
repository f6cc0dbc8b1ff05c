"""Bytes -> text: binary detection, encoding detection (charset-normalizer) and mojibake repair (ftfy)."""

from __future__ import annotations

import re

import ftfy
from charset_normalizer import from_bytes
from ftfy.badness import is_bad

from ..errors import BinaryInput, EmptyInput, UndecodableInput

# Share of control characters (other than tab/newline/CR/form feed) above which a file is binary.
# Text in any encoding has next to none; images, archives and executables have 10-30 %.
BINARY_CONTROL_SHARE = 0.01
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # below 32, other than tab, newline, CR, form feed
MAGIC = {
    b"%PDF": "PDF document", b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive", b"\x1f\x8b": "gzip archive", b"\x7fELF": "executable",
}


# UTF-16 text of a Latin script without a byte-order mark: nearly every other byte is NUL (the high byte
# of nearly every character), the bytes between almost never are.
UTF16_NUL_SHARE = 0.7


def _utf16_without_bom(sample: bytes) -> str | None:
    """"utf-16-le" / "utf-16-be" when the NUL bytes sit on one side of each byte pair, else None."""
    pairs = len(sample) // 2
    if pairs < 8:
        return None
    even, odd = sample[0 : 2 * pairs : 2].count(0), sample[1 : 2 * pairs : 2].count(0)
    for zeros, others, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros >= UTF16_NUL_SHARE * pairs and others == 0:
            try:
                sample[: 2 * pairs].decode(codec)
            except UnicodeDecodeError:
                return None
            return codec
    return None


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes to clean text, or raise a specific `InputRejected`."""
    if not data:
        raise EmptyInput()
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            raise BinaryInput(what)
    sample = data[:65536]
    utf16 = _utf16_without_bom(sample)
    if b"\x00" in sample and not (sample.startswith((b"\xff\xfe", b"\xfe\xff"))) and utf16 is None:
        raise BinaryInput("contains NUL bytes")
    try:
        text = data.decode(utf16 or "utf-8")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise UndecodableInput() from None
        text = str(best)
    controls = len(CONTROL.findall(text, 0, 65536))
    if controls > BINARY_CONTROL_SHARE * min(len(text), 65536):
        raise BinaryInput("mostly control characters")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return repaired(text)


# Characters ftfy never changes outside mojibake: tab, printable ASCII ("&" only where it decodes no HTML
# entities), Latin-1 and Latin Extended-A letters and signs (all NFC-stable), general punctuation, the euro
# sign. A line with anything else, or with what ftfy's badness measure calls mojibake (never pure ASCII),
# goes through ftfy.
_PLAIN = r"[\t\x20-\x25\x27-\x7e\u00a0-\u017f\u2010-\u2027\u2030-\u205e\u20ac\u2122{}]*\n?"
PLAIN, PLAIN_WITH_AMPERSAND = re.compile(_PLAIN.format("")), re.compile(_PLAIN.format("&"))


def repaired(text: str) -> str:
    """Mojibake repaired ("FÃ¼r" -> "Für") without touching quotes or line structure: ftfy's `fix_text`,
    line by line as it works, but only on the lines it could change. Same output; a 130 kB HTML page took
    140 ms in ftfy, most of its lines being markup it leaves as it is (bench/bench_warc.py)."""
    out = []
    unescape = True  # ftfy's "auto": entities are decoded up to the first line with a "<"
    pos = 0
    while pos < len(text):
        end = text.find("\n", pos) + 1 or len(text)
        line = text[pos:end]
        pos = end
        if unescape and "<" in line:
            unescape = False
        if (PLAIN if unescape else PLAIN_WITH_AMPERSAND).fullmatch(line) and (line.isascii() or not is_bad(line)):
            out.append(line)
        else:
            out.append(ftfy.fix_text(line, uncurl_quotes=False, fix_line_breaks=False, normalization="NFC",
                                     unescape_html=unescape))
    return "".join(out)
