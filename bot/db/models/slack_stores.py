"""The tables of slack_sdk's SQLAlchemy installation and OAuth state stores (OAuth mode).

They are built by the stores' own table builders into our metadata, so Alembic creates
and checks them like every other table and the definitions can't drift from what the
stores read and write. Two deliberate differences:

* token columns are wider than the stores' 200 characters, because a token encrypted at
  rest (MENTORBOT_TOKEN_KEY) is about twice as long as the token itself, and rotating
  tokens are long to begin with; the stores never rely on the declared length;
* `slack_oauth_states` has no `team_id`: a state is issued before anyone knows which
  workspace will be installed, and it holds nothing but a random value and its expiry.
"""

from __future__ import annotations

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import String, Table

from bot.db.base import Base

INSTALLATIONS_TABLE = SQLAlchemyInstallationStore.default_installations_table_name
BOTS_TABLE = SQLAlchemyInstallationStore.default_bots_table_name
OAUTH_STATES_TABLE = SQLAlchemyOAuthStateStore.default_table_name

# Enough for a Fernet-encrypted rotating token (roughly 4/3 x (token + 57 bytes) + padding).
TOKEN_COLUMN_LENGTH = 600
TOKEN_COLUMNS = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token")


def _widen_token_columns(table: Table) -> Table:
    for name in TOKEN_COLUMNS:
        if name in table.c:
            table.c[name].type = String(TOKEN_COLUMN_LENGTH)
    return table


slack_installations: Table = _widen_token_columns(
    SQLAlchemyInstallationStore.build_installations_table(Base.metadata, INSTALLATIONS_TABLE)
)
slack_bots: Table = _widen_token_columns(
    SQLAlchemyInstallationStore.build_bots_table(Base.metadata, BOTS_TABLE)
)
slack_oauth_states: Table = SQLAlchemyOAuthStateStore.build_oauth_states_table(
    Base.metadata, OAUTH_STATES_TABLE
)
