"""Messages about people leaving: `/mentor forget-me` and the notice a partner gets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ConfirmObject,
    ContextBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.core import ids
from bot.ui.escape import escape_mrkdwn
from bot.ui.people import and_list
from bot.ui.replies import Reply


@dataclass(frozen=True, slots=True)
class KeptAboutYou:
    """What the app holds about a person, counted for the confirmation message."""

    offers: int = 0
    requests: int = 0
    active_pairs: int = 0
    past_pairs: int = 0
    notes: int = 0
    feedback: int = 0
    messages: int = 0
    profile: bool = False
    program_admin: bool = False  # named a program admin in the app
    # What their pairings built up along the way (all of it goes with them):
    goals: int = 0  # every learner's goals in their pairings
    level_ratings: int = 0  # each start or end level a learner gave
    log_entries: int = 0  # the pairings' learning-log entries
    action_items: int = 0  # the action items in those entries
    thanks: int = 0  # thank-yous they sent or received
    fit_answers: int = 0  # fit and pair-again answers given by them or about them
    meeting_times: int = 0  # first-meeting times set in their pairings

    @property
    def anything(self) -> bool:
        return self.profile or self.program_admin or any(
            (self.offers, self.requests, self.active_pairs, self.past_pairs, self.notes,
             self.feedback, self.messages, self.goals, self.level_ratings, self.log_entries,
             self.action_items, self.thanks, self.fit_answers, self.meeting_times)
        )  # fmt: skip


def _section(markdown: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=markdown))


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else (many or one + 's')}"


def _inventory(kept: KeptAboutYou) -> list[str]:
    lines = []
    if kept.profile:
        lines.append(
            "your mentoring profile (career stage, working hours, directory listing, pause)"
        )
    if kept.offers:
        lines.append(_count(kept.offers, "offer") + " to teach")
    if kept.requests:
        lines.append(_count(kept.requests, "request") + " to learn, with your goals")
    if kept.notes:
        lines.append(_count(kept.notes, "private check-in note"))
    if kept.feedback:
        lines.append(_count(kept.feedback, "piece", "pieces") + " of feedback you wrote")
    if kept.active_pairs or kept.past_pairs:
        lines.append("what your pairings agreed (objective, success measure)")
    if kept.goals:
        progress = "its progress" if kept.goals == 1 else "their progress"
        lines.append(f"{_count(kept.goals, 'goal')} set in your pairings, with {progress}")
    if kept.level_ratings:
        lines.append(_count(kept.level_ratings, "skill-level rating") + " from your pairings")
    if kept.log_entries:
        lines.append(
            _count(kept.log_entries, "learning-log entry", "learning-log entries")
            + " from your pairings"
        )
    if kept.action_items:
        lines.append(_count(kept.action_items, "action item") + " in those entries")
    if kept.meeting_times:
        reminders = "its reminder" if kept.meeting_times == 1 else "their reminders"
        lines.append(f"{_count(kept.meeting_times, 'first-meeting time')}, with {reminders}")
    if kept.thanks:
        lines.append(_count(kept.thanks, "thank-you") + " you sent or received")
    if kept.fit_answers:
        lines.append(
            _count(kept.fit_answers, "private answer")
            + " about how a pairing fit (never shown to anyone)"
        )
    if kept.messages:
        lines.append(_count(kept.messages, "message") + " mentorbot queued or sent to you")
    if kept.program_admin:
        lines.append("your place on mentorbot's list of program admins")
    return lines


def forget_confirmation(kept: KeptAboutYou) -> Reply:
    """The question `/mentor forget-me` asks before anything is deleted."""
    bullets = "\n".join(f"• {line}" for line in _inventory(kept))
    ending = ""
    if kept.active_pairs:
        ending = f"\nYour {_count(kept.active_pairs, 'active pairing')} will end. " + (
            "The other person is told only that the pairing has ended — no reason — and "
            "can be matched again."
            if kept.active_pairs == 1
            else "The other people are told only that their pairing has ended — no "
            "reason — and can be matched again."
        )
    return Reply(
        text="Delete everything mentorbot keeps about you? Nothing happens until you confirm.",
        blocks=(
            _section(
                ":wastebasket: *Delete everything mentorbot keeps about you?*\n"
                f"This deletes:\n{bullets}{ending}"
            ),
            ActionsBlock(
                elements=[
                    ButtonElement(
                        text="Yes, forget me",
                        action_id=ids.FORGET_ME_CONFIRM,
                        value="forget",
                        style="danger",
                        confirm=ConfirmObject(
                            title="Forget me?",
                            text="This can't be undone.",
                            confirm="Delete it all",
                            deny="Keep it",
                            style="danger",
                        ),
                    ),
                    ButtonElement(text="Cancel", action_id=ids.FORGET_ME_CANCEL, value="cancel"),
                ]
            ),
            ContextBlock(
                elements=[
                    MarkdownTextObject(
                        text="Counts of past pairings stay for the program's statistics, "
                        "with no name or Slack id attached."
                    )
                ]
            ),
        ),
    )


def nothing_to_forget() -> Reply:
    words = (
        "mentorbot keeps nothing about you: no profile, offers, requests, notes or messages. "
        "There is nothing to delete."
    )
    return Reply(text=words, blocks=(_section(words),))


def forget_cancelled() -> Reply:
    words = "Nothing was deleted. `/mentor forget-me` asks again whenever you like."
    return Reply(text=words, blocks=(_section(words),))


def forgotten(*, pairs_ended: int) -> Reply:
    """After the deletion: what happened, and that coming back starts afresh."""
    ended = ""
    if pairs_ended:
        ended = (
            f" {_count(pairs_ended, 'pairing has', 'pairings have')} ended; "
            + ("the other person was" if pairs_ended == 1 else "the other people were")
            + " told without a reason."
        )
    words = (
        f":white_check_mark: Done: everything mentorbot kept about you is deleted.{ended} "
        "If you use `/mentor` again later, you start afresh."
    )
    return Reply(text="Everything mentorbot kept about you is deleted.", blocks=(_section(words),))


def partner_left_notice(*, skill: str, started_at: datetime, reopened: Sequence[str]) -> Reply:
    """To the person whose partner left: the pairing has ended, for no stated reason."""
    since = f"{started_at:%d %B %Y}".lstrip("0")
    words = (
        f":wave: Your mentoring pairing on *{escape_mrkdwn(skill)}* (since {since}) has ended. "
        "Thank you for the time you gave it."
    )
    if reopened:
        skills = and_list([f"*{escape_mrkdwn(label)}*" for label in reopened])
        requests = "request to learn {} is" if len(reopened) == 1 else "requests to learn {} are"
        words += (
            f" Your {requests.format(skills)} back in the queue, so the next round can "
            "match you with someone new."
        )
    else:
        words += " The next round can pair you with someone new."
    return Reply(text="Your mentoring pairing has ended.", blocks=(_section(words),))
