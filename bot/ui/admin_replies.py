"""Ephemeral answers to `/mentor admin …` (pure builders)."""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject

from bot.ui.admin_common import REFUSAL, section
from bot.ui.escape import escape_mrkdwn
from bot.ui.replies import Reply
from bot.ui.texts import text


def words(markdown: str) -> Reply:
    return Reply(text=markdown, blocks=(section(markdown),))


def refusal() -> Reply:
    return words(REFUSAL)


def admin_help() -> Reply:
    return words(text("admin_help"))


def on_its_way(what: str) -> Reply:
    return words(f":outbox_tray: {what} is on its way to you in a direct message from mentorbot.")


def unknown_person(name: str) -> Reply:
    return Reply(
        text="I couldn't tell who you meant.",
        blocks=(
            section(
                f":thinking_face: I couldn't find anyone called “@{escape_mrkdwn(name)}” "
                "in this workspace. Pick them from the list Slack offers as you type the "
                "@mention."
            ),
            ContextBlock(
                elements=[MarkdownTextObject(text="For example: `/mentor admin add @someone`")]
            ),
        ),
    )


MAX_PEOPLE_LISTED = 10


def ambiguous_person(name: str, user_ids: Sequence[str]) -> Reply:
    """Several people answer to the name typed: list them (as mentions) to pick from."""
    shown = ", ".join(f"<@{user_id}>" for user_id in user_ids[:MAX_PEOPLE_LISTED])
    more = len(user_ids) - MAX_PEOPLE_LISTED
    if more > 0:
        shown += f" and {more} more"
    return Reply(
        text="Several people have that name.",
        blocks=(
            section(
                f":thinking_face: {len(user_ids)} people are called “@{escape_mrkdwn(name)}”: "
                f"{shown}. Say which one by picking them from the list Slack offers as you "
                "type the @mention."
            ),
        ),
    )


def cannot_be_admin(user_id: str) -> Reply:
    return words(f"<@{user_id}> is a bot or a deactivated account, so they can't be an admin.")


def already_workspace_admin(user_id: str) -> Reply:
    return words(
        f"<@{user_id}> is a workspace owner or admin in Slack, so they already run the program."
    )


def admin_added(user_id: str, added: bool) -> Reply:
    if not added:
        return words(f"<@{user_id}> is already a program admin, so nothing changed.")
    return words(
        f":white_check_mark: <@{user_id}> is now a program admin. They'll find the program "
        "dashboard in the bot's App Home and can use `/mentor admin`."
    )


def admin_removed(user_id: str, *, removed: bool, still_admin: bool) -> Reply:
    if still_admin:
        return words(
            f"<@{user_id}> is a workspace owner or admin in Slack, so they stay a program admin "
            "whatever is set here."
        )
    if not removed:
        return words(f"<@{user_id}> wasn't a program admin, so nothing changed.")
    return words(f"<@{user_id}> is no longer a program admin.")


def admin_list(named: Sequence[str]) -> Reply:
    people = ", ".join(f"<@{user_id}>" for user_id in named) if named else "nobody yet"
    return words(
        f"*Program admins named here:* {people}.\n"
        "Workspace owners and admins are always program admins too."
    )
