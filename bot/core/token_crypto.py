"""Encryption at rest of the Slack tokens we store (OAuth mode), with Fernet keys.

Fernet is authenticated encryption (AES-128-CBC + HMAC-SHA256) from `cryptography`: a
stored value can be neither read nor altered without the key. With several keys, the
first encrypts and every key decrypts, so keys can be rotated without downtime.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

# Every Fernet token starts with its version byte 0x80, which base64 spells "gAAAAA".
_FERNET_PREFIX = "gAAAAA"


class TokenKeyError(ValueError):
    """A stored token can't be decrypted with the configured keys."""


def cipher_from_keys(keys: str) -> MultiFernet:
    """A cipher from comma-separated Fernet keys; ValueError says what is wrong."""
    parts = [part.strip() for part in keys.split(",") if part.strip()]
    if not parts:
        raise ValueError("no key given")
    fernets = []
    for position, part in enumerate(parts, start=1):
        try:
            fernets.append(Fernet(part))
        except ValueError:
            raise ValueError(
                f"key {position} is not a Fernet key (32 url-safe base64-encoded bytes; "
                "generate one with `mentorbot token-key`)"
            ) from None
    return MultiFernet(fernets)


def new_key() -> str:
    return Fernet.generate_key().decode()


class TokenCipher:
    """Encrypts values on the way into the database and decrypts them on the way out.

    Without a key it stores values as they are. Values stored before a key was set are
    read as they are too, and encrypted the next time they are saved.
    """

    def __init__(self, keys: str | None) -> None:
        self._cipher = cipher_from_keys(keys) if keys else None

    @property
    def enabled(self) -> bool:
        return self._cipher is not None

    def encrypt(self, value: str | None) -> str | None:
        if value is None or self._cipher is None:
            return value
        return self._cipher.encrypt(value.encode()).decode()

    def decrypt(self, value: str | None) -> str | None:
        if value is None or not value.startswith(_FERNET_PREFIX):
            return value
        if self._cipher is None:
            raise TokenKeyError("stored tokens are encrypted, but MENTORBOT_TOKEN_KEY is not set")
        try:
            return self._cipher.decrypt(value.encode()).decode()
        except InvalidToken:
            raise TokenKeyError(
                "a stored token can't be decrypted with MENTORBOT_TOKEN_KEY (wrong key?)"
            ) from None
