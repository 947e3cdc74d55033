"""Thanks as people read them: the DM to the person thanked, the channel post, and the
answers to the person who sent it (pure Block Kit builders)."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, MarkdownTextObject, SectionBlock

from bot.ui.escape import escape_mrkdwn
from bot.ui.people import sentence
from bot.ui.replies import Reply, footnote


def _section(markdown: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=markdown))


def _quote(words: str) -> str:
    return "\n".join(f"> {line}" for line in escape_mrkdwn(words).splitlines() or [""])


def thanks_dm(*, sender: str, words: str, skill: str | None) -> Reply:
    """The DM to the person thanked: who, for what, and that it counts."""
    blocks: list[Block] = [
        _section(f":sparkles: <@{sender}> wanted to say thank you:\n{_quote(words)}")
    ]
    if skill is not None:
        blocks.append(
            footnote(
                f"It counts as an endorsement of your *{escape_mrkdwn(skill)}*: people looking "
                "for a mentor see how many learners thanked you."
            )
        )
    else:
        blocks.append(footnote("Helping someone learn is a real gift. Thank you for giving it."))
    return Reply(text="Someone wanted to say thank you.", blocks=tuple(blocks))


def public_thanks(*, sender: str, recipient: str, words: str) -> Reply:
    """The channel post, when the sender asked and the recipient allows public thanks."""
    return Reply(
        text="A thank-you from one colleague to another.",
        blocks=(_section(f":sparkles: <@{sender}> thanks <@{recipient}>:\n{_quote(words)}"),),
    )


def thanks_sent_reply(
    *, recipient: str, endorsed: str | None, public: str | None, channel: str | None
) -> Reply:
    """What the sender sees once the thanks is on its way."""
    lines = [f"Your thanks is on its way to <@{recipient}>."]
    if endorsed is not None:
        lines.append(
            f"It counts as an endorsement of their *{escape_mrkdwn(endorsed)}*: people looking "
            "for a mentor will see it in the count."
        )
    if public == "posted" and channel is not None:
        lines.append(f"It will also appear in <#{channel}> (mentorbot needs to be a member of it).")
    elif public == "not_allowed":
        lines.append(
            "They haven't chosen to have thanks posted in channels, so it stays between you two."
        )
    return Reply(text="Your thanks is on its way.", blocks=(_section("\n".join(lines)),))


REFUSED_TEXT = "I couldn't send that thanks."

_REFUSALS = {
    "yourself": "You can't thank yourself — but whatever you did, well done.",
    "unknown": "{who} hasn't used mentorbot yet, so I can't pass your thanks on. "
    "A direct message from you will mean just as much.",
    "inactive": "{who}'s account is deactivated, so I can't pass your thanks on.",
    "bot": "{who} is a bot: thanks are for people who teach and learn.",
}


def thanks_refused_reply(reason: str, *, recipient: str) -> Reply:
    """Why the thanks can't be sent (yourself, an unknown person, a bot, a deactivated one)."""
    message = sentence(_REFUSALS[reason].format(who=f"<@{recipient}>"))
    return Reply(text=REFUSED_TEXT, blocks=(_section(message),))
