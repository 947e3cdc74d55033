"""Messages and Home lines of circles: the group intro, "each of you…" (pure builders)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    RadioButtonsElement,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.core import ids
from bot.domain.circles import CircleContent, CircleItem, CirclePerson
from bot.parsing.circle_forms import MAX_LEARNED, CircleRating
from bot.ui.escape import escape_mrkdwn
from bot.ui.fields import text_box
from bot.ui.people import and_list, mention, plural
from bot.ui.replies import Reply
from bot.vocabulary import DURATION_LABELS, known_duration

MAX_SECTION_TEXT = 3000
MAX_GOAL_SHOWN = 300


def _section(markdown: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=markdown[:MAX_SECTION_TEXT]))


def _goal(person: CirclePerson) -> str:
    goal = (person.goal or "").strip()
    if not goal:
        return "_no goal written yet: a good first thing to share_"
    return escape_mrkdwn(goal[:MAX_GOAL_SHOWN])


def _names(people: Sequence[CirclePerson]) -> str:
    """ "A, B and C" as mentions; "" for nobody."""
    return and_list([mention(p.slack_id) for p in people])


def circle_intro_message(content: CircleContent) -> Reply:
    """The message everyone in a new circle gets in the circle's group DM."""
    skill = escape_mrkdwn(content.skill)
    learners = list(content.learners)
    goals = "\n".join(f"• {mention(p.slack_id)}: {_goal(p)}" for p in learners)
    length = DURATION_LABELS.get(known_duration(content.duration) or "")
    if content.mentor is not None:
        header = "Meet your circle"
        opening = (
            f":wave: Hello {_names(content.people)}! More people asked to learn {skill} than "
            f"could each have a mentor of their own, so {mention(content.mentor.slack_id)} "
            f"will mentor the {plural(len(learners), 'learner')} here together."
        )
        first = (
            f":calendar: *First step:* {mention(content.mentor.slack_id)} suggests two or three "
            "times for a first group session within a week. Each of you, say which suit you."
        )
        summary = f"You're in a {content.skill} circle of {len(content.people)} people."
    else:
        header = "Meet your peer circle"
        first_host = learners[0]
        opening = (
            f":wave: Hello {_names(content.people)}! You each asked to learn {skill} and nobody "
            "here offers it yet, so you'll learn it together: each session, one of you chooses "
            "the topic and brings something to share, and you take turns."
        )
        first = (
            f":calendar: *First step:* {mention(first_host.slack_id)} chooses the first topic "
            "and suggests two or three times within a week. Each of you, say which suit you."
        )
        summary = f"You're in a {content.skill} peer circle of {len(content.people)} people."
    blocks: list[Block] = [
        HeaderBlock(text=header),
        _section(opening),
        _section(f"*What each of you hopes to learn*\n{goals}"),
        _section(
            f"{first}\n*To agree in your first session:* how often you meet, how long each "
            "session is, and what each of you will try between sessions. What is said in the "
            "circle stays in the circle."
        ),
    ]
    if length:
        blocks.append(
            ContextBlock(
                elements=[MarkdownTextObject(text=f"The circle runs for {length}, as asked.")]
            )
        )
    return Reply(text=escape_mrkdwn(summary), blocks=tuple(blocks))


def _mentions(ids: Sequence[str]) -> str:
    return _names([CirclePerson(slack_id=i, name="") for i in ids])


def circle_home_line(item: CircleItem) -> str:
    """One line of App Home about a circle the viewer is in."""
    skill = escape_mrkdwn(item.skill)
    others = _mentions(item.others) or "nobody else now"
    if item.you_lead:
        return f"• You lead a *{skill}* circle: {others}"
    if item.mentor is None:
        return f"• *{skill}* peer circle with {others}; you take turns choosing the topic"
    return f"• *{skill}* circle led by {mention(item.mentor)}, with {others}"


def home_circles(items: Sequence[CircleItem]) -> list[Block]:
    """The "Your circles" part of App Home; nothing for someone in no circle."""
    if not items:
        return []
    lines = "\n".join(circle_home_line(item) for item in items)
    return [
        _section(f"*Your circles*\n{lines}"),
        ContextBlock(
            elements=[
                MarkdownTextObject(
                    text="Circles meet in their own group message with everyone in it."
                )
            ]
        ),
        DividerBlock(),
    ]


def circle_nudge_text(*, weeks: int, met_before: bool) -> str:
    """A gentle nudge inside a circle's check-in after `weeks` check-ins without anyone
    saying the circle met; `met_before` asks for a catch-up rather than a first session."""
    since = f"{plural(weeks, 'check-in')} without a meeting"
    if met_before:
        return (
            f":seedling: It's been {since} since your circle last met. Life gets busy: could "
            "one of you suggest a 45-minute slot this week that works for most of you?"
        )
    return (
        f":seedling: It's been {since}. Getting a group together is the hardest part: could "
        "one of you suggest a 45-minute slot this week? A short first session is plenty."
    )


def circle_checkin_message(
    content: CircleContent, *, checkin_id: int, nudge: str | None = None
) -> Reply:
    """A circle's weekly check-in in its group DM: each member answers for themselves;
    `nudge` (from `circle_nudge_text`) goes inside it when the circle hasn't met lately."""
    skill = escape_mrkdwn(content.skill)
    value = str(checkin_id)
    nudge_blocks = (_section(nudge),) if nudge else ()
    return Reply(
        text=f"Check-in: how is your {skill} circle going?",
        blocks=(
            _section(
                f":wave: Check-in time, {_names(content.people)}: how is your *{skill}* circle "
                "going? Each of you, answer for yourself: did the circle meet since the last "
                "check-in?"
            ),
            *nudge_blocks,
            ActionsBlock(
                block_id=f"circle_checkin_{checkin_id}",
                elements=[
                    ButtonElement(
                        text="We met",
                        action_id=ids.CIRCLE_CHECKIN_MET,
                        value=value,
                        style="primary",
                    ),
                    ButtonElement(
                        text="Not yet", action_id=ids.CIRCLE_CHECKIN_NOT_YET, value=value
                    ),
                    ButtonElement(
                        text="Private note", action_id=ids.CIRCLE_CHECKIN_NOTE, value=value
                    ),
                    ButtonElement(
                        text="Need help", action_id=ids.CIRCLE_CHECKIN_NEED_HELP, value=value
                    ),
                ],
            ),
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text="Only you see your answer, and only you ever see your note."
                    )
                ]
            ),
        ),
    )


def circle_closed_message(content: CircleContent) -> Reply:
    """A circle nobody answered for several check-ins is closed kindly, in its group DM."""
    skill = escape_mrkdwn(content.skill)
    return Reply(
        text=f"Your {skill} circle is closed; each of you can be matched again.",
        blocks=(
            _section(
                f":leaves: {_names(content.people)}, we haven't heard from your *{skill}* "
                "circle for a few weeks, so I've closed it — no harm done. Each of you can ask "
                "for a mentor again with `/mentor request`"
                + (
                    f", and {mention(content.mentor.slack_id)}, your offer stays for a coming "
                    "round."
                    if content.mentor
                    else "."
                )
            ),
        ),
    )


def circle_ended_message(content: CircleContent) -> Reply:
    """The end of a circle's planned time, in its group DM, with a private feedback form
    each member opens for themselves."""
    skill = escape_mrkdwn(content.skill)
    return Reply(
        text=f"Your {skill} circle has come to its planned end. Thank you all.",
        blocks=(
            _section(
                f":pray: {_names(content.people)}, your *{skill}* circle has come to its planned "
                "end. Thank you each for the time you gave the others. Before you go, each of "
                "you could share one thing you learned and one thing you will keep doing. To "
                "keep learning, ask for a mentor again with `/mentor request`"
                + (
                    f"; {mention(content.mentor.slack_id)}, your offer stays, so a later round "
                    "can ask you to lead another circle."
                    if content.mentor
                    else "."
                )
            ),
            ActionsBlock(
                block_id=f"circle_feedback_{content.circle_id}",
                elements=[
                    ButtonElement(
                        text="Share how it went",
                        action_id=ids.CIRCLE_FEEDBACK,
                        value=str(content.circle_id),
                        style="primary",
                    )
                ],
            ),
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text="Each of you answers privately; nobody else sees your answer."
                    )
                ]
            ),
        ),
    )


CIRCLE_RATINGS = {
    CircleRating.HELPED: "It helped me a lot",
    CircleRating.OKAY: "It was okay",
    CircleRating.NOT_FOR_ME: "A circle wasn't for me",
}


def circle_feedback_modal(circle_id: int, skill: str) -> View:
    """Each member's private feedback at the end of a circle."""
    options = [Option(value=rating.value, label=label) for rating, label in CIRCLE_RATINGS.items()]
    return View(
        type="modal",
        callback_id=ids.CIRCLE_FEEDBACK_MODAL,
        private_metadata=json.dumps({"circle": circle_id}),
        title="Your circle",
        submit="Send",
        close="Cancel",
        blocks=[
            _section(
                f"How did the *{escape_mrkdwn(skill)}* circle work for you? Only you see your "
                "answer; the others in the circle and the admins don't."
            ),
            InputBlock(
                block_id=ids.CIRCLE_FEEDBACK_RATING,
                label="How it worked for you",
                element=RadioButtonsElement(action_id=ids.CIRCLE_FEEDBACK_RATING, options=options),
            ),
            text_box(
                ids.CIRCLE_FEEDBACK_LEARNED,
                "One thing you learned or will keep doing",
                max_length=MAX_LEARNED,
                optional=True,
            ),
        ],
    )


def circle_feedback_thanks(*, recorded: bool) -> str:
    if not recorded:
        return "You already answered for this circle — thank you."
    return (
        ":sparkles: Thank you! To keep learning, ask for a mentor again with `/mentor request` "
        "whenever you like."
    )
