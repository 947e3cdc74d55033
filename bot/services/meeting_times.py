"""Find a time: proposing first-meeting slots to a pair from each person's Slack time
zone and working hours, and storing the one either of them picks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from bot.db.models import Member, Pair
from bot.db.session import rowcount
from bot.parsing.working_hours import DEFAULT_END_MINUTE, DEFAULT_START_MINUTE
from bot.scheduling.ics import ics_event
from bot.scheduling.model import FIRST_MEETING_MINUTES, Person, Slot, WorkingHours, zone
from bot.scheduling.slots import Proposal, overlap_outlook, propose_slots
from bot.services.meeting_reminders import schedule_reminder
from bot.services.pairs import PairAccess, pair_channel, tell_both
from bot.ui.meeting_times import Reader, meeting_picked_message

# Someone whose Slack profile has no usable zone is read as UTC (and shown as such).
FALLBACK_ZONE = "UTC"
# A picked time is at most this far ahead: the proposals cover five working days, and a
# modal left open over a long weekend still works.
LATEST_PICK = timedelta(days=21)

TOO_SOON = (
    "That time has passed or is about to. Close this and press Find a time again for fresh ones."
)
NOT_OFFERED = "Pick one of the times shown."
OUT_OF_DATE = "These times are out of date. Close this and press Find a time again for fresh ones."
CALENDAR_TITLE = "First mentoring meeting"


@dataclass(frozen=True, slots=True)
class Picked:
    """A stored pick: the slot, whether it changed anything (a repeat changes nothing), the
    pair's group DM when known, and the calendar file for the meeting."""

    slot: Slot
    changed: bool
    channel: str | None
    calendar: CalendarFile


@dataclass(frozen=True, slots=True)
class CalendarFile:
    filename: str
    title: str
    content: str


def calendar_file(pair: Pair, slot: Slot, now: datetime) -> CalendarFile:
    """The meeting as a .ics file; the same UID for the pair's first meeting, so a moved
    meeting replaces the old one in a calendar instead of adding a second."""
    content = ics_event(
        slot,
        uid=f"first-meeting-{pair.id}-{pair.team_id}@mentorbot",
        stamp=now,
        summary=CALENDAR_TITLE,
        description="Your first mentoring chat, picked with Find a time in Slack.",
    )
    return CalendarFile(filename="first-meeting.ics", title=CALENDAR_TITLE, content=content)


class CannotPick(Exception):
    """The picked time can't be used; the words are safe to show under the field."""


class PickedMeanwhile(Exception):
    """The other person (or another open modal) picked a different time after this modal
    opened; theirs stands and nothing changed."""

    def __init__(self, slot: Slot) -> None:
        super().__init__("a first meeting was picked meanwhile")
        self.slot = slot


@dataclass(frozen=True, slots=True)
class Offered:
    """What a Find a time modal offered: the slot starts (seconds since the epoch) and the
    pair's first meeting when it opened (`seen`, None when there was none)."""

    starts: frozenset[int]
    seen: datetime | None

    @classmethod
    def from_metadata(cls, metadata: Mapping[str, Any]) -> Offered:
        """Read defensively: a modal from before slots were recorded, or anything odd,
        offers nothing, so every pick from it is refused."""
        raw = metadata.get("offered")
        starts = frozenset(
            value
            for value in (raw if isinstance(raw, list) else [])
            if isinstance(value, int) and not isinstance(value, bool)
        )
        seen_raw = metadata.get("seen")
        seen = None
        if isinstance(seen_raw, int) and not isinstance(seen_raw, bool):
            try:
                seen = datetime.fromtimestamp(seen_raw, tz=UTC)
            except (ValueError, OverflowError, OSError):
                return cls(frozenset(), None)
        return cls(starts, seen)


def timezone_of(member: Member) -> str:
    """The member's IANA zone from Slack, or UTC when Slack gave none we know."""
    if member.tz:
        try:
            zone(member.tz)
        except ValueError:
            return FALLBACK_ZONE
        return member.tz
    return FALLBACK_ZONE


def working_hours_of(member: Member) -> WorkingHours:
    starts = member.work_starts_minute
    ends = member.work_ends_minute
    if starts is None or ends is None:
        starts, ends = DEFAULT_START_MINUTE, DEFAULT_END_MINUTE
    return WorkingHours(start=time(starts // 60, starts % 60), end=time(ends // 60, ends % 60))


def meeting_person(member: Member) -> Person:
    return Person(timezone=timezone_of(member), hours=working_hours_of(member))


def reader(member: Member) -> Reader:
    return Reader(member.slack_user_id, member.display_name, timezone_of(member))


def outlook_for(learner: Member, mentor: Member, now: datetime) -> Proposal:
    """For an intro: how much the two working days overlap, and the compromise if short."""
    return overlap_outlook(meeting_person(learner), meeting_person(mentor), now)


def pair_proposal(pair: Pair, now: datetime) -> Proposal:
    """Slots for a first meeting; the learner (the mentee) is the one asked to propose."""
    return propose_slots(meeting_person(pair.mentee), meeting_person(pair.mentor), now)


def _picked_start(value: str | None, offered: Offered, now: datetime) -> datetime:
    """The start of the picked slot, once it is known to be one the modal offered and
    still ahead; raises CannotPick."""
    try:
        seconds = int(value or "")
        start = datetime.fromtimestamp(seconds, tz=UTC)
    except (ValueError, OverflowError, OSError):
        raise CannotPick(NOT_OFFERED) from None
    if not offered.starts:  # a modal from before the offered times were carried
        raise CannotPick(OUT_OF_DATE)
    if seconds not in offered.starts:
        raise CannotPick(NOT_OFFERED)
    if start <= now:
        raise CannotPick(TOO_SOON)
    if start > now + LATEST_PICK:
        raise CannotPick(NOT_OFFERED)
    return start


def _claim(session: Session, pair: Pair, start: datetime, seen: datetime | None) -> bool:
    """Set the first meeting only if it is still what the modal saw when it opened: of two
    people picking at once, the first to write wins, the other finds it changed."""
    still_seen = Pair.first_meeting_at.is_(None) if seen is None else Pair.first_meeting_at == seen
    claimed = session.execute(
        update(Pair)
        .where(Pair.id == pair.id, still_seen)
        .values(first_meeting_at=start)
        .execution_options(synchronize_session=False)
    )
    if rowcount(claimed) == 1:
        set_committed_value(pair, "first_meeting_at", start)
        return True
    session.refresh(pair, ["first_meeting_at"])
    return False


def pick_slot(
    session: Session, access: PairAccess, value: str | None, now: datetime, offered: Offered
) -> Picked:
    """Store the picked first meeting, queue its reminder and tell both; raises CannotPick
    for a time the modal didn't offer or that has passed, and PickedMeanwhile when the
    other person picked another time first."""
    start = _picked_start(value, offered, now)
    slot = Slot.starting(start, FIRST_MEETING_MINUTES)
    pair = access.pair
    calendar = calendar_file(pair, slot, now)
    before = pair.first_meeting_at
    if before == slot.start:
        # A second submission of the same pick: told once already.
        return Picked(slot, False, pair.group_channel, calendar)
    if not _claim(session, pair, slot.start, offered.seen):
        current = pair.first_meeting_at
        if current == slot.start:  # both picked the same time: told once already
            return Picked(slot, False, pair.group_channel, calendar)
        if current is None:  # the meeting was cleared meanwhile; this modal is stale
            raise CannotPick(OUT_OF_DATE)
        raise PickedMeanwhile(Slot.starting(current, FIRST_MEETING_MINUTES))
    moved = before is not None
    if pair.first_meeting_scheduled_at is None:
        pair.first_meeting_scheduled_at = now
    schedule_reminder(session, pair, slot.start, now)
    tell_both(
        session,
        pair,
        key=f"meeting-picked:{int(slot.start.timestamp())}@{int(now.timestamp())}",
        kind="first_meeting",
        reply=meeting_picked_message(
            slot,
            picked_by=access.member.slack_user_id,
            readers=(reader(access.member), reader(access.partner)),
            moved=moved,
        ),
        now=now,
    )
    session.flush()
    return Picked(slot, True, pair_channel(session, pair), calendar)
