"""One exception tree. Every error carries a code and a message that says how to fix it.

The CLI prints ``str(error)`` on one line and exits non-zero; the HTTP API returns
``error.to_dict()``; batch runs record the message in the rejects table and go on.
"""

from __future__ import annotations

from typing import Any


class CrosswireError(Exception):
    """Base of every error crosswire raises on purpose."""

    code = "E000"

    def __init__(self, message: str, *, fix: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text} Fix: {self.fix}" if self.fix else text

    def to_dict(self) -> dict[str, Any]:
        return {
            "error": {
                "code": self.code,
                "type": type(self).__name__,
                "message": self.message,
                "fix": self.fix,
            }
        }


class ConfigError(CrosswireError):
    """A setting is missing, malformed or out of range."""

    code = "E100"


class InputError(CrosswireError):
    """An input cannot be read or parsed into articles."""

    code = "E200"


class UnknownSourceError(InputError):
    """No reader accepts this source."""

    code = "E201"


class FetchError(InputError):
    """A URL could not be fetched."""

    code = "E202"


class DateError(InputError, ValueError):
    """A date is given that is not a possible date (``2025-02-30``, ``10000-01-01``, "soon")."""

    code = "E204"


class StoreError(CrosswireError):
    """The database cannot be opened, migrated or written."""

    code = "E300"


class NotFoundError(StoreError):
    """An id was asked for that the database does not hold."""

    code = "E301"


class ModelError(CrosswireError):
    """The spaCy model cannot be loaded."""

    code = "E400"


class KnowledgeBaseError(ModelError):
    """The actor knowledge base or one of its sources is missing or malformed."""

    code = "E410"


class EvalError(CrosswireError):
    """A gold file cannot be read for evaluation."""

    code = "E500"


class RequestError(CrosswireError):
    """An HTTP request cannot be served as asked (a bad parameter, an unknown path)."""

    code = "E600"


class AccessError(RequestError):
    """A write was refused: the server is read-only, or the token is missing or wrong."""

    code = "E601"


class AuthError(AccessError):
    """A write came without credentials (no ``Authorization: Bearer TOKEN`` header)."""

    code = "E603"


class TooLargeError(RequestError):
    """A request body is larger than the server accepts."""

    code = "E602"


class ScaleError(CrosswireError):
    """A cluster run cannot start: no scheduler answers, or the output folder is in use."""

    code = "E700"


class StageError(CrosswireError):
    """A stage failed on one article (a defect in crosswire, or input it cannot handle): the
    article is rejected with this code and the run goes on."""

    code = "E800"


class WorkerCrashError(StageError):
    """A worker process died (killed, out of memory, or crashed) while coding an article."""

    code = "E801"


class LimitError(InputError):
    """An input is larger than a configured bound (characters, sentences, mentions, or
    decompressed bytes)."""

    code = "E203"
