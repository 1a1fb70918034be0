"""The kinds of report. A domain app registers its kinds (in its AppConfig.ready) with the
capability that requests and reads them and the function that makes the document:

    build(report, progress) -> (content: bytes, file_name: str)

`progress(percent, stage)` tells the person waiting how far it is. The function runs in the
worker with the report's language active and no request; it must apply the same rules as the
pages (suppression of small groups, sharing) because its output is stored and downloaded."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ReportKind:
    key: str
    label: object  # a lazy translation
    capability: str
    build: Callable
    content_type: str = "application/pdf"


KINDS: dict[str, ReportKind] = {}


def register(kind: ReportKind) -> None:
    KINDS[kind.key] = kind


def get(key: str) -> ReportKind:
    return KINDS[key]


def readable_kinds(capabilities) -> list[str]:
    return [key for key, kind in KINDS.items() if kind.capability in capabilities]
