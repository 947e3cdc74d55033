"""Every callback, action and block id the app uses: one definition shared by listeners,
UI builders and tests, so a rename can't leave a listener deaf."""

from __future__ import annotations

SLASH_COMMAND = "/mentor"

# Actions on messages (help, lists).
SHOW_MY_LIST = "show_my_list"
