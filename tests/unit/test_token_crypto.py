"""Token encryption at rest: round trips, key rotation, clear errors."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.core.config import Settings
from bot.core.token_crypto import TokenCipher, TokenKeyError, new_key

TOKEN = "xoxb-1234-5678-abcdefghijklmnop"


def test_round_trip_hides_the_token():
    cipher = TokenCipher(new_key())
    sealed = cipher.encrypt(TOKEN)
    assert sealed is not None and TOKEN not in sealed
    assert cipher.decrypt(sealed) == TOKEN
    assert cipher.encrypt(TOKEN) != sealed  # a fresh IV each time


def test_without_a_key_values_pass_through():
    cipher = TokenCipher(None)
    assert not cipher.enabled
    assert cipher.encrypt(TOKEN) == TOKEN
    assert cipher.decrypt(TOKEN) == TOKEN
    assert cipher.encrypt(None) is None


def test_tokens_stored_before_a_key_was_set_are_still_read():
    assert TokenCipher(new_key()).decrypt(TOKEN) == TOKEN


def test_keys_rotate_new_first_old_still_decrypts():
    old, new = new_key(), new_key()
    sealed_with_old = TokenCipher(old).encrypt(TOKEN)
    rotated = TokenCipher(f"{new},{old}")
    assert rotated.decrypt(sealed_with_old) == TOKEN
    assert TokenCipher(new).decrypt(rotated.encrypt(TOKEN)) == TOKEN


def test_a_wrong_key_says_so():
    sealed = TokenCipher(new_key()).encrypt(TOKEN)
    with pytest.raises(TokenKeyError, match="wrong key"):
        TokenCipher(new_key()).decrypt(sealed)
    with pytest.raises(TokenKeyError, match="not set"):
        TokenCipher(None).decrypt(sealed)


@pytest.mark.parametrize("key", ["not-a-key", "short", f"{new_key()},broken"])
def test_settings_refuse_an_unusable_key(key):
    with pytest.raises(ValidationError, match="not a Fernet key"):
        Settings(_env_file=None, mentorbot_token_key=key)


def test_the_cli_prints_a_usable_key(capsys):
    from bot.entrypoints.cli import main

    assert main(["token-key"]) == 0
    key = capsys.readouterr().out.strip()
    assert TokenCipher(key).decrypt(TokenCipher(key).encrypt(TOKEN)) == TOKEN
