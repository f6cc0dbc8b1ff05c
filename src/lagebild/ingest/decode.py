"""Bytes -> text: binary detection, encoding detection (charset-normalizer) and mojibake repair (ftfy)."""

from __future__ import annotations

import re

import ftfy
from charset_normalizer import from_bytes

from ..errors import BinaryInput, EmptyInput, UndecodableInput

# Share of control characters (other than tab/newline/CR/form feed) above which a file is binary.
# Text in any encoding has next to none; images, archives and executables have 10-30 %.
BINARY_CONTROL_SHARE = 0.01
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # below 32, other than tab, newline, CR, form feed
MAGIC = {
    b"%PDF": "PDF document", b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive", b"\x1f\x8b": "gzip archive", b"\x7fELF": "executable",
}


def decode_bytes(data: bytes) -> str:
    """Decode a file's bytes to clean text, or raise a specific `InputRejected`."""
    if not data:
        raise EmptyInput()
    for magic, what in MAGIC.items():
        if data.startswith(magic):
            raise BinaryInput(what)
    sample = data[:65536]
    if b"\x00" in sample and not (sample.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise BinaryInput("contains NUL bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise UndecodableInput() from None
        text = str(best)
    controls = len(CONTROL.findall(text, 0, 65536))
    if controls > BINARY_CONTROL_SHARE * min(len(text), 65536):
        raise BinaryInput("mostly control characters")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    # repair mojibake ("FÃ¼r" -> "Für") without touching quotes or line structure
    return ftfy.fix_text(text, uncurl_quotes=False, fix_line_breaks=False, normalization="NFC")
