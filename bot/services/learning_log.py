"""The pair's learning log: storing a session's entry and telling the pair, open action
items for check-ins, marking one done, and a person's own log across pairings.

Entries are the pair's alone: nothing here is read by an admin surface or export.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from bot.db.models import LogEntry, Member, Pair
from bot.delivery.outbox import enqueue_reply, sent_message
from bot.domain.learning_log import ActionItem, LearnedLine, LoggedSession
from bot.parsing.log_forms import OWNER_MENTEE, OWNER_MENTOR, SessionLogForm
from bot.services.checkins import pair_skills
from bot.services.pairs import NOT_YOURS, NotYours, PairAccess, pair_for, parse_id, tell_both
from bot.ui import learning_log as log_ui
from bot.ui.replies import Reply


def tell_pair_in_thread(
    session: Session, pair: Pair, *, key: str, kind: str, reply: Reply, now: datetime
) -> None:
    """Queue `reply` in the thread of the pair's intro, so the log reads as one story; in
    their group message itself when the intro never reached Slack."""
    intro = sent_message(session, pair.team_id, f"pair={pair.id}:intro")
    if intro is None:
        tell_both(session, pair, key=key, kind=kind, reply=reply, now=now)
        return
    channel, ts = intro
    enqueue_reply(
        session,
        reply,
        team_id=pair.team_id,
        # Under the pair's prefix, like every message about the pair: forget-me finds it.
        key=f"pair={pair.id}:{key}",
        kind=kind,
        not_before=now,
        channel=channel,
        users=pair.slack_ids(),
        thread_ts=ts,
    )


def save_entry(
    session: Session, access: PairAccess, form: SessionLogForm, now: datetime
) -> LogEntry:
    """Store the entry and queue it for the pair's group message, in one transaction."""
    pair = access.pair
    owner = {OWNER_MENTOR: pair.mentor, OWNER_MENTEE: pair.mentee}.get(form.action_owner or "")
    entry = LogEntry(
        team_id=pair.team_id,
        pair_id=pair.id,
        author_id=access.member.id,
        covered=form.covered,
        mentor_learned=form.mentor_learned,
        mentee_learned=form.mentee_learned,
        action_item=form.action_item,
        action_owner_id=owner.id if owner is not None else None,
        logged_at=now,
    )
    session.add(entry)
    session.flush()
    learned = [
        (person.slack_user_id, words)
        for person, words in (
            (pair.mentor, form.mentor_learned),
            (pair.mentee, form.mentee_learned),
        )
        if words
    ]
    message = log_ui.entry_message(
        author=access.member.slack_user_id,
        covered=form.covered,
        learned=learned,
        action_item=form.action_item,
        action_owner=owner.slack_user_id if owner is not None else None,
    )
    tell_pair_in_thread(
        session, pair, key=f"log={entry.id}", kind="log_entry", reply=message, now=now
    )
    return entry


def open_action_items(session: Session, pair: Pair) -> list[ActionItem]:
    """The pair's action items not yet done, newest first."""
    rows = session.execute(
        select(LogEntry.id, LogEntry.action_item, Member.slack_user_id)
        .outerjoin(Member, Member.id == LogEntry.action_owner_id)
        .where(
            LogEntry.pair_id == pair.id,
            LogEntry.action_item.is_not(None),
            LogEntry.action_done_at.is_(None),
        )
        .order_by(LogEntry.logged_at.desc(), LogEntry.id.desc())
    ).all()
    return [ActionItem(entry_id=id_, text=text or "", owner=owner) for id_, text, owner in rows]


def mark_done(
    session: Session, entry_id: object, *, team_id: str, user_id: str, now: datetime
) -> bool:
    """Mark the entry's action item done (either person may); False when it already was.

    The pair hears about it in their group message.
    """
    number = parse_id(entry_id)
    entry = session.get(LogEntry, number) if number is not None else None
    if entry is None or entry.team_id != team_id or entry.action_item is None:
        raise NotYours(NOT_YOURS)
    access = pair_for(session, entry.pair_id, team_id=team_id, user_id=user_id)
    if entry.action_done_at is not None:
        return False
    entry.action_done_at = now
    entry.action_done_by_id = access.member.id
    session.flush()
    tell_pair_in_thread(
        session,
        access.pair,
        key=f"log={entry.id}:done",
        kind="log_action_done",
        reply=log_ui.action_done_message(
            done_by=access.member.slack_user_id, action_item=entry.action_item
        ),
        now=now,
    )
    return True


def entries_of(session: Session, member: Member) -> list[LoggedSession]:
    """Every entry of the pairs this person is or was in, newest first."""
    rows = session.execute(
        select(LogEntry, Pair)
        .join(Pair, Pair.id == LogEntry.pair_id)
        .where(
            Pair.team_id == member.team_id,
            or_(Pair.mentor_id == member.id, Pair.mentee_id == member.id),
        )
        .order_by(LogEntry.logged_at.desc(), LogEntry.id.desc())
    ).all()
    return [_logged(entry, pair, member) for entry, pair in rows]


def _logged(entry: LogEntry, pair: Pair, member: Member) -> LoggedSession:
    partner = pair.mentee if pair.mentor_id == member.id else pair.mentor
    people = {pair.mentor.id: pair.mentor, pair.mentee.id: pair.mentee}
    owner = people.get(entry.action_owner_id or 0)
    learned = tuple(
        LearnedLine(name=person.display_name, user_id=person.slack_user_id, learned=words)
        for person, words in (
            (pair.mentor, entry.mentor_learned),
            (pair.mentee, entry.mentee_learned),
        )
        if words
    )
    return LoggedSession(
        entry_id=entry.id,
        logged_at=entry.logged_at,
        skills=pair_skills(pair),
        partner_name=partner.display_name,
        partner_id=partner.slack_user_id,
        covered=entry.covered,
        learned=learned,
        action_item=entry.action_item,
        action_owner_name=owner.display_name if owner is not None else None,
        action_owner_id=owner.slack_user_id if owner is not None else None,
        action_done=entry.action_done_at is not None,
    )


def count_for_pairs(session: Session, pair_ids: list[int]) -> int:
    if not pair_ids:
        return 0
    return len(session.scalars(select(LogEntry.id).where(LogEntry.pair_id.in_(pair_ids))).all())


def delete_for_pairs(session: Session, pair_ids: list[int]) -> None:
    """forget-me: a log is about both people, so it goes when either of them leaves."""
    if pair_ids:
        session.execute(delete(LogEntry).where(LogEntry.pair_id.in_(pair_ids)))
