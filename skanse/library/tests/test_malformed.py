"""A corpus of malformed, hostile and mislabelled files: each gets a clear error with its
place, and nothing is written."""

import json

import pytest
from django.utils import translation

from skanse.library.documents import LibraryError
from skanse.library.models import Framework, FrameworkVersion, Requirement
from skanse.library.services import library_import

pytestmark = pytest.mark.django_db

GOOD = json.dumps(
    {
        "format": "skanse-library/1",
        "kind": "framework",
        "urn": "urn:test:m",
        "version": "1",
        "name": "M",
        "requirements": [{"ref_id": "1", "name": "One"}],
    }
).encode()

YAML_BOMB = b"""
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
"""

XML_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>
<catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0"><metadata><title>&lol2;</title></metadata>
</catalog>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE c [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0"><metadata><title>&xxe;</title></metadata>
</catalog>"""

CASES = {
    "empty": (b"", ""),
    "whitespace": (b"   \n ", ""),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", ""),
    "truncated json": (GOOD[: len(GOOD) // 2], "line 1"),
    "truncated yaml": (
        b"format: skanse-library/1\nkind: framework\nrequirements:\n  - [a, b",
        "line",
    ),
    "yaml alias bomb": (YAML_BOMB, "line"),
    "xml entity expansion": (XML_BOMB, ""),
    "xml external entity": (XXE, ""),
    "xml not oscal": (b"<html><body>hi</body></html>", ""),
    "xml not well formed": (
        b"<catalog xmlns='http://csrc.nist.gov/ns/oscal/1.0'><metadata>",
        "line",
    ),
    "deeply nested json": (b"[" * 5000 + b"]" * 5000, ""),
    "deeply nested yaml": (b"a:\n" + b"".join(b"  " * i + b"- \n" for i in range(1, 60)), ""),
    "a list at the top": (b"[1, 2, 3]", ""),
    "unknown json": (b'{"hello": "world"}', ""),
    "mislabelled: yaml in a json name": (b"format: skanse-library/1\nkind: nothing\n", "kind"),
    "oscal without metadata": (
        b'{"catalog": {"uuid": "x", "groups": []}}',
        "catalog.metadata.title",
    ),
    "oscal control without id": (
        json.dumps(
            {"catalog": {"metadata": {"title": "T"}, "controls": [{"title": "no id"}]}}
        ).encode(),
        "catalog.controls[0]",
    ),
    "wrong types": (
        json.dumps(
            {
                "format": "skanse-library/1",
                "kind": "framework",
                "urn": "urn:x",
                "version": "1",
                "name": ["a"],
                "requirements": [{"ref_id": "1", "name": "x"}],
            }
        ).encode(),
        "name",
    ),
    "latin-1 text": ("format: skanse-library/1\nname: Ærø\n".encode("latin-1"), "byte"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_bad_file_is_refused_and_nothing_is_written(name):
    content, where = CASES[name]
    with pytest.raises(LibraryError) as caught:
        library_import(content)
    assert caught.value.message
    assert caught.value.where.startswith(where)
    assert Framework.objects.count() == 0
    assert FrameworkVersion.objects.count() == 0
    assert Requirement.objects.count() == 0


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(settings):
    settings.LIBRARY_IMPORT_MAX_BYTES = 2_000_000
    content = GOOD + b" " * (2_500_000 - len(GOOD))
    with translation.override("en"), pytest.raises(LibraryError) as caught:
        library_import(content)
    assert caught.value.message == "The file is 2.5 MB; the limit is 2 MB."
    # The messages follow the active language; Danish writes the decimal comma.
    with translation.override("da"), pytest.raises(LibraryError) as caught:
        library_import(content)
    assert caught.value.message == "Filen fylder 2,5 MB; grænsen er 2 MB."


def test_an_import_needs_no_network(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("an import tried to use the network")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    with pytest.raises(LibraryError):
        library_import(XXE)
    library_import(GOOD)
    assert FrameworkVersion.objects.count() == 1
