"""Every exception lagebild raises, in one place. Each message says what went wrong and how to fix it."""

from __future__ import annotations


class LagebildError(Exception):
    """Base class of all lagebild errors."""


class InputRejected(LagebildError):
    """An input cannot be used as an article. The message is shown to the user as the rejection reason."""


class BinaryInput(InputRejected):
    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "binary file, not text or HTML" + (f" ({detail})" if detail else "")
            + "; pass plain-text dumps, HTML pages or JSON Lines"
        )


class UndecodableInput(InputRejected):
    def __init__(self) -> None:
        super().__init__("cannot decode the file as text in any known encoding; save it as UTF-8 and retry")


class EmptyInput(InputRejected):
    def __init__(self, what: str = "the file is empty (0 bytes)") -> None:
        super().__init__(what)


class NoArticleText(InputRejected):
    def __init__(self, detail: str = "") -> None:
        super().__init__("no article text found" + (f": {detail}" if detail else ""))


class InputTooLarge(InputRejected):
    def __init__(self, size: int, limit: int) -> None:
        super().__init__(
            f"file is {size / 1e6:.1f} MB, larger than the limit of {limit / 1e6:.1f} MB; "
            "raise it with --max-bytes if this really is one article"
        )


class UnreadableInput(InputRejected):
    def __init__(self, detail: str) -> None:
        super().__init__(f"cannot read the file: {detail}")


class MissingInput(InputRejected):
    def __init__(self) -> None:
        super().__init__("no such file or directory, and no file matches it as a glob pattern")


class BadRecord(InputRejected):
    def __init__(self, detail: str) -> None:
        super().__init__(f"unusable JSON Lines record: {detail}")


class StoreError(LagebildError):
    """The `--db` file cannot be used as a corpus store; nothing in it was changed."""

    def __init__(self, path: object, detail: str) -> None:
        super().__init__(f"cannot use {path} as a corpus store: {detail}")


class OutputError(LagebildError):
    """The output folder cannot take the dossier files; found before any analysis."""

    def __init__(self, path: object, detail: str) -> None:
        super().__init__(f"cannot write the dossier to {path}: {detail}")


class SettingsError(LagebildError, ValueError):
    """A setting has a value lagebild cannot use."""
