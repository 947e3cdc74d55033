"""Settings read once from the environment (and a `.env` file) into a frozen object."""

from __future__ import annotations

from typing import Any

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite:///mentorbot.db"


class Settings(BaseSettings):
    """Everything an operator can configure. Field names map to upper-case variables."""

    # An empty value means "not set", as in .env.example, where unused credentials stay empty.
    model_config = SettingsConfigDict(
        env_file=".env", env_ignore_empty=True, extra="ignore", frozen=True
    )

    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_client_id: str | None = None
    slack_client_secret: SecretStr | None = None
    # Web API base URL for every WebClient we build (GovSlack and tests point elsewhere).
    slack_api_url: str | None = None

    database_url: str = DEFAULT_DATABASE_URL
    host: str = "0.0.0.0"
    port: int = Field(default=3000, ge=1, le=65535)
    # Threads serving HTTP requests; each request only verifies, acks and hands off.
    http_threads: int = Field(default=16, ge=1, le=256)
    # Threads running listeners after the ack (Bolt's default of 5 is too small).
    listener_threads: int = Field(default=16, ge=1, le=256)
    log_level: str = "INFO"
    # OAuth mode: the redirect URL registered with Slack, when it is not the one Slack
    # derives from the app's settings (several redirect URLs registered).
    slack_redirect_uri: str | None = None
    # Fernet key(s) to encrypt stored Slack tokens at rest; comma-separated to rotate keys
    # (the first encrypts, all decrypt). Generate one with `mentorbot token-key`.
    mentorbot_token_key: SecretStr | None = None

    @field_validator("mentorbot_token_key")
    @classmethod
    def _token_key_is_usable(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None:
            from bot.core.token_crypto import cipher_from_keys

            cipher_from_keys(value.get_secret_value())  # raises ValueError with the reason
        return value

    @property
    def oauth_enabled(self) -> bool:
        return bool(self.slack_client_id and self.slack_client_secret)

    @property
    def socket_mode(self) -> bool:
        return self.slack_app_token is not None


def load_settings(**overrides: Any) -> Settings:
    """Read settings from the environment; keyword overrides win (tests and the CLI use them)."""
    return Settings(**overrides)
