"""Learners' goals in a pairing: saving them with the expectations, the goal board kept in
the pair's group DM, statuses from check-ins, and the levels at the start and the end.

Only a goal's learner may change its status, whatever the click says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from slack_sdk.models.blocks import Block
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.cycle.goals import (
    GoalStatus,
    LevelChange,
    asks_about_goals,
    invited_to_offer,
    known_status,
)
from bot.db.models import Goal, GoalBoard, LearnerLevel, Member, OutboxMessage, Pair, Skill
from bot.delivery.outbox import enqueue_edit, enqueue_reply
from bot.domain.goals import GoalLine, LearnerGoalsView
from bot.domain.records import SavedOffer
from bot.parsing.goal_forms import BACK, MAIN, LearnerGoals
from bot.services.pairs import NOT_YOURS, PAIR_OVER, NotYours, pair_for, parse_id, tell_both
from bot.services.records import save_offers
from bot.skills.normalise import Skill as NormalSkill
from bot.ui import goals as goals_ui
from bot.ui.replies import Reply

BOARD_KEY = "goal-board"
ONLY_THE_LEARNER = "Only the person working towards this goal can change how it is going."


@dataclass(frozen=True, slots=True)
class Direction:
    """One way the pair teaches: who learns which skill."""

    name: str
    learner: Member
    skill: Skill


def directions(pair: Pair) -> tuple[Direction, ...]:
    """The main direction (the mentee learns), and the return one of a two-way pair."""
    found = [Direction(MAIN, pair.mentee, pair.skill)]
    if pair.return_skill is not None:
        found.append(Direction(BACK, pair.mentor, pair.return_skill))
    return tuple(found)


def _goals(session: Session, pair: Pair, learner_id: int) -> list[Goal]:
    return list(
        session.scalars(
            select(Goal)
            .where(Goal.pair_id == pair.id, Goal.learner_id == learner_id)
            .order_by(Goal.position)
        )
    )


def _level(session: Session, pair: Pair, learner_id: int) -> LearnerLevel | None:
    return session.scalar(
        select(LearnerLevel).where(
            LearnerLevel.pair_id == pair.id, LearnerLevel.learner_id == learner_id
        )
    )


def learner_views(session: Session, pair: Pair) -> tuple[LearnerGoalsView, ...]:
    views = []
    for way in directions(pair):
        level = _level(session, pair, way.learner.id)
        views.append(
            LearnerGoalsView(
                direction=way.name,
                learner_slack_id=way.learner.slack_user_id,
                learner_name=way.learner.display_name,
                skill=way.skill.label,
                goals=tuple(
                    GoalLine(
                        goal.id, goal.text, known_status(goal.status) or GoalStatus.NOT_STARTED
                    )
                    for goal in _goals(session, pair, way.learner.id)
                ),
                start_level=level.start_level if level else None,
                end_level=level.end_level if level else None,
            )
        )
    return tuple(views)


def _save_direction(
    session: Session, pair: Pair, way: Direction, form: LearnerGoals, now: datetime
) -> bool:
    """Store one learner's goals; True when the goals themselves changed.

    A goal whose words are unchanged keeps its status; a rewritten one starts again.
    """
    existing = _goals(session, pair, way.learner.id)
    changed = len(existing) != len(form.goals)
    for position, text in enumerate(form.goals, start=1):
        row = existing[position - 1] if position <= len(existing) else None
        if row is None:
            session.add(
                Goal(
                    team_id=pair.team_id,
                    pair_id=pair.id,
                    learner_id=way.learner.id,
                    position=position,
                    text=text,
                    status=GoalStatus.NOT_STARTED,
                    updated_at=now,
                )
            )
        elif row.text != text:
            row.text, row.status, row.updated_at = text, GoalStatus.NOT_STARTED, now
            changed = True
    for row in existing[len(form.goals) :]:
        session.delete(row)
    if form.start_level is not None:
        level = _level(session, pair, way.learner.id)
        if level is None:
            level = LearnerLevel(team_id=pair.team_id, pair_id=pair.id, learner_id=way.learner.id)
            session.add(level)
        level.skill_id = way.skill.id
        level.start_level = form.start_level
        level.updated_at = now
    session.flush()
    return changed


def save_goals(session: Session, pair: Pair, forms: Sequence[LearnerGoals], now: datetime) -> bool:
    """Store the goals part of the expectations form, then bring the goal board up to
    date; True when any goal changed."""
    ways = {way.name: way for way in directions(pair)}
    changed = False
    for form in forms:
        way = ways.get(form.direction)
        if way is not None:  # a form opened before the pair changed shape: ignore it
            changed = _save_direction(session, pair, way, form, now) or changed
    if changed:
        refresh_board(session, pair, now)
    return changed


def refresh_board(session: Session, pair: Pair, now: datetime) -> None:
    """Post the goal board once, then edit that one message in place."""
    views = learner_views(session, pair)
    board = session.scalar(select(GoalBoard).where(GoalBoard.pair_id == pair.id))
    reply = goals_ui.goal_board(views)
    if board is None:
        if not any(view.goals for view in views):
            return
        session.add(GoalBoard(team_id=pair.team_id, pair_id=pair.id, version=0))
        tell_both(session, pair, key=BOARD_KEY, kind="goal_board", reply=reply, now=now)
        return
    board_key = f"pair={pair.id}:{BOARD_KEY}"
    posted = session.scalar(
        select(OutboxMessage.id).where(
            OutboxMessage.team_id == pair.team_id, OutboxMessage.idempotency_key == board_key
        )
    )
    if posted is None:
        return  # the board's message was deleted (forget-me): there is nothing to edit
    board.version += 1
    enqueue_edit(
        session,
        reply,
        team_id=pair.team_id,
        key=f"{board_key}:edit:v{board.version}",
        edits_key=board_key,
        kind="goal_board_edit",
        not_before=now,
    )


def checkin_goal_blocks(session: Session, pair: Pair, checkin_number: int) -> list[Block]:
    """The goal question of every second check-in; nothing on the others."""
    if not asks_about_goals(checkin_number):
        return []
    return goals_ui.goal_status_blocks(learner_views(session, pair))


@dataclass(frozen=True, slots=True)
class StatusClick:
    goal_id: int | None
    status: GoalStatus | None


def set_status(
    session: Session,
    clicked: StatusClick,
    *,
    team_id: str,
    user_id: str,
    now: datetime,
) -> tuple[Goal, bool]:
    """Record a learner's tap on one of their goals; (goal, whether it changed)."""
    goal = session.get(Goal, clicked.goal_id) if clicked.goal_id is not None else None
    if goal is None or goal.team_id != team_id or clicked.status is None:
        raise NotYours(NOT_YOURS)
    access = pair_for(session, goal.pair_id, team_id=team_id, user_id=user_id)
    if not access.pair.active:
        raise NotYours(PAIR_OVER)
    if access.member.id != goal.learner_id:
        raise NotYours(ONLY_THE_LEARNER)
    if goal.status == clicked.status:
        return goal, False
    goal.status, goal.updated_at = clicked.status, now
    session.flush()
    refresh_board(session, access.pair, now)
    return goal, True


def status_click(goal: object, status: object) -> StatusClick:
    return StatusClick(parse_id(goal), known_status(status))


def set_end_level(session: Session, pair: Pair, member: Member, level: int, now: datetime) -> bool:
    """A learner's level at the end; False when they are not a learner of this pair."""
    way = next((way for way in directions(pair) if way.learner.id == member.id), None)
    if way is None:
        return False
    row = _level(session, pair, member.id)
    if row is None:
        row = LearnerLevel(team_id=pair.team_id, pair_id=pair.id, learner_id=member.id)
        session.add(row)
    row.skill_id = way.skill.id
    row.end_level = level
    row.updated_at = now
    session.flush()
    return True


def level_changes(session: Session, pair: Pair) -> list[tuple[str, LevelChange]]:
    """Each learner who rated both levels, with their change (Slack id, change)."""
    changes = []
    for view in learner_views(session, pair):
        if view.start_level is not None and view.end_level is not None:
            changes.append(
                (
                    view.learner_slack_id,
                    LevelChange(view.skill, view.start_level, view.end_level),
                )
            )
    return changes


def learns_in(pair: Pair, member: Member) -> Skill | None:
    """The skill `member` learns in this pair, or None when they only teach."""
    way = next((way for way in directions(pair) if way.learner.id == member.id), None)
    return way.skill if way is not None else None


def delete_for_pairs(session: Session, pair_ids: Sequence[int]) -> None:
    """forget-me: goals, levels and boards of these pairs serve nobody once one is gone."""
    for model in (Goal, LearnerLevel, GoalBoard):
        session.execute(delete(model).where(model.pair_id.in_(pair_ids)))


def with_level_changes(session: Session, pair: Pair, ended: Reply) -> Reply:
    """The ending message, with each learner's level change when they gave both levels."""
    extra = goals_ui.level_changes(level_changes(session, pair))
    if not extra:
        return ended
    return Reply(text=ended.text, blocks=(*ended.blocks, *extra))


def invite_to_offer(
    session: Session, pair: Pair, member: Member, level: int, now: datetime
) -> None:
    """A learner who ends at level 3 or more is asked, once per pairing, to offer the skill."""
    skill = learns_in(pair, member)
    if skill is None or not invited_to_offer(level):
        return
    enqueue_reply(
        session,
        goals_ui.offer_invitation(pair_id=pair.id, skill=skill.label, level=level),
        team_id=pair.team_id,
        # Not under the pair's "pair=N:" keys: ending the pair must not drop it.
        key=f"offer-invite:pair={pair.id}:member={member.id}",
        kind="offer_invitation",
        not_before=now,
        users=(member.slack_user_id,),
    )


def offer_learned_skill(
    session: Session, pair_id: object, *, team_id: str, user_id: str
) -> list[SavedOffer]:
    """Offer the skill a learner was invited to offer, at the level they gave, through the
    same service as `/mentor offer`; refuses anyone who wasn't invited."""
    access = pair_for(session, pair_id, team_id=team_id, user_id=user_id)
    skill = learns_in(access.pair, access.member)
    level = _level(session, access.pair, access.member.id)
    end_level = level.end_level if level is not None else None
    if skill is None or end_level is None or not invited_to_offer(end_level):
        raise NotYours(NOT_YOURS)
    return save_offers(
        session, access.member, [NormalSkill(slug=skill.slug, label=skill.label)], end_level
    )
