"""Encryption of the KITOS API user's password at rest.

The password must be usable (KITOS issues a 24-hour token for it), so it cannot be hashed:
it is encrypted with Fernet (AES-128-CBC + HMAC-SHA256) under a key derived from
SKANSE_KITOS_KEY, or from SECRET_KEY when that is not set. A database copy alone does not
reveal it; rotating the key means saving the password again.
"""

import base64
import hashlib
import os

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet() -> Fernet:
    secret = os.environ.get("SKANSE_KITOS_KEY") or settings.SECRET_KEY
    key = hashlib.sha256(b"skanse.kitos.credentials|" + secret.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(plain: str) -> str:
    return _fernet().encrypt(plain.encode()).decode() if plain else ""


def decrypt(token: str) -> str | None:
    """The password, or None when it cannot be decrypted (e.g. the key was changed)."""
    if not token:
        return None
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return None
