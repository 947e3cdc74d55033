"""A round for one workspace: engine input from the database, pairs, intros, notices.

Everything a round decides — its claim row, the pairs, requests marked matched, and every
message to send — is written in one transaction: a round runs once per period, and a
crash part-way leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.deps import Deps
from bot.cycle.endings import ends_at
from bot.db.models import (
    Member,
    MentoringRequest,
    Offer,
    PairBlock,
    PairStatus,
    RequestStatus,
    Round,
    Schedule,
)
from bot.db.models import Pair as PairRow
from bot.db.models import Skill as SkillRow
from bot.db.session import transaction
from bot.delivery.outbox import enqueue_reply
from bot.domain.round_preview import RoundOutcome
from bot.matching import (
    MatchSettings,
    Participant,
    PastPair,
    RoundResult,
    Unserved,
    match_round,
)
from bot.matching import Pair as EnginePair
from bot.matching.peer_circles import PeerCircle
from bot.services.announcements import announce_round
from bot.services.away import member_is_away
from bot.services.capacity import active_mentoring_counts
from bot.services.circles import (
    leading_circles,
    plan_peer_circles,
    store_circles,
    unserved_after_peers,
)
from bot.services.demand import counts_as_demand
from bot.services.meeting_times import outlook_for
from bot.services.pausing import member_is_paused
from bot.services.period_claims import claim_period
from bot.services.program_pool import pairs_outside_pool
from bot.services.round_drafts import Shaping, clear_draft, keepable, solved_shaping
from bot.services.schedules import ensure_schedule, match_settings
from bot.services.thanks import mentor_bonuses
from bot.services.two_way import FoldedPair, fold_two_way
from bot.ui import away as away_ui
from bot.ui import intro as intro_ui
from bot.ui import unmatched as unmatched_ui
from bot.vocabulary import known_duration

log = logging.getLogger(__name__)


@dataclass
class RoundInput:
    """What the engine needs, plus how to get from its ids back to our rows."""

    participants: list[Participant]
    history: list[PastPair]
    blocks: list[tuple[str, str]]
    settings: MatchSettings
    labels: dict[str, str]
    members: dict[str, Member]  # Slack user id -> member
    requests: dict[tuple[str, str], MentoringRequest]  # (Slack user id, skill slug) -> open
    skills: dict[str, SkillRow]  # slug -> row
    demand: Counter[str] = field(default_factory=Counter)  # slug -> open requests
    # Slack user ids of people the round leaves out because their Slack status says away.
    away: frozenset[str] = frozenset()

    def digest(self) -> str:
        """A fingerprint of the engine's input: the same digest means the same round."""
        canonical = {
            "participants": sorted(_fingerprint(p) for p in self.participants),
            "history": sorted([h.a, h.b, h.weeks_ago] for h in self.history),
            "blocks": sorted(sorted(b) for b in self.blocks),
            "cooldown_weeks": self.settings.cooldown_weeks,
            "max_tz_gap_hours": self.settings.max_tz_gap_hours,
        }
        return hashlib.sha256(json.dumps(canonical).encode()).hexdigest()


def _fingerprint(p: Participant) -> list[object]:
    entry: list[object] = [
        p.id,
        sorted(p.offers.items()),
        sorted(p.requests.items()),
        p.capacity,
        p.tz_offset_hours,
        p.career_stage,
        p.paused,
    ]
    # Circle choices only when made: a round without them keeps the digest it had before.
    if p.circle_sizes or p.open_to_circle:
        entry += [sorted(p.circle_sizes.items()), p.open_to_circle]
    return entry


@dataclass(frozen=True)
class RoundPlan:
    input: RoundInput
    result: RoundResult
    peers: tuple[PeerCircle, ...] = ()  # peer circles of learners the engine left unserved

    @property
    def unserved(self) -> tuple[Unserved, ...]:
        """Requests still unserved once the peer circles are formed."""
        return unserved_after_peers(self.result.unserved, self.peers)


def _weeks_between(earlier: datetime, later: datetime) -> int:
    return max(0, (later - earlier).days // 7)


def load_round_input(
    session: Session, schedule: Schedule, now: datetime, *, every_pair: bool = False
) -> RoundInput:
    """The engine's input. The everyday rounds leave out the pairs of programs that keep
    theirs apart; a program's own round sees `every_pair`."""
    team_id = schedule.team_id
    apart = set() if every_pair else pairs_outside_pool(session, team_id)
    members_by_id = {
        m.id: m for m in session.scalars(select(Member).where(Member.team_id == team_id)).all()
    }
    skills = {
        s.slug: s for s in session.scalars(select(SkillRow).where(SkillRow.team_id == team_id))
    }
    skill_by_id = {s.id: s for s in skills.values()}

    offers: dict[int, dict[str, int]] = defaultdict(dict)
    circle_sizes: dict[int, dict[str, int]] = defaultdict(dict)
    leading = leading_circles(session, team_id)
    for member_id, skill_id, level, circle_size in session.execute(
        select(Offer.member_id, Offer.skill_id, Offer.level, Offer.circle_size).where(
            Offer.team_id == team_id
        )
    ):
        offers[member_id][skill_by_id[skill_id].slug] = level
        if circle_size and (member_id, skill_id) not in leading:
            circle_sizes[member_id][skill_by_id[skill_id].slug] = circle_size

    open_requests = session.scalars(
        select(MentoringRequest).where(
            MentoringRequest.team_id == team_id, MentoringRequest.status == RequestStatus.OPEN
        )
    ).all()
    wanted: dict[int, dict[str, int]] = defaultdict(dict)
    requests: dict[tuple[str, str], MentoringRequest] = {}
    demand: Counter[str] = Counter()
    for request in open_requests:
        member = members_by_id[request.member_id]
        slug = skill_by_id[request.skill_id].slug
        if counts_as_demand(member, now):
            demand[slug] += 1
        if not member.active:
            continue
        wanted[member.id][slug] = _weeks_between(request.created_at, now)
        requests[(member.slack_user_id, slug)] = request

    teaching = active_mentoring_counts(session, team_id, leave_out=apart)
    bonuses = mentor_bonuses(session, team_id=team_id, offers=offers)
    participants = []
    away = set()
    for member in members_by_id.values():
        if not member.active or not (offers.get(member.id) or wanted.get(member.id)):
            continue
        paused = member_is_paused(member, now)
        # Away counts as paused for the engine (never matched), but is told apart below.
        if not paused and member_is_away(member, now):
            away.add(member.slack_user_id)
        participants.append(
            Participant(
                id=member.slack_user_id,
                offers=offers.get(member.id, {}),
                requests=wanted.get(member.id, {}),
                capacity=max(0, member.mentor_capacity - teaching[member.id]),
                tz_offset_hours=member.tz_offset_seconds / 3600,
                career_stage=member.career_stage,
                paused=paused or member.slack_user_id in away,
                bonus=bonuses.get(member.id, {}),
                circle_sizes=circle_sizes.get(member.id, {}),
                open_to_circle=member.open_to_circle,
            )
        )

    history = []
    for pair in session.scalars(select(PairRow).where(PairRow.team_id == team_id)):
        if pair.id in apart:
            continue
        weeks = 0 if pair.active or pair.ended_at is None else _weeks_between(pair.ended_at, now)
        history.append(
            PastPair(
                members_by_id[pair.mentor_id].slack_user_id,
                members_by_id[pair.mentee_id].slack_user_id,
                weeks,
            )
        )
    blocks = [
        (members_by_id[a].slack_user_id, members_by_id[b].slack_user_id)
        for a, b in session.execute(
            select(PairBlock.member_a_id, PairBlock.member_b_id).where(PairBlock.team_id == team_id)
        )
    ]
    return RoundInput(
        participants=participants,
        history=history,
        blocks=blocks,
        settings=match_settings(schedule),
        labels={slug: row.label for slug, row in skills.items()},
        members={m.slack_user_id: m for m in members_by_id.values()},
        requests=requests,
        skills=skills,
        demand=demand,
        away=frozenset(away),
    )


def plan_round(
    session: Session, schedule: Schedule, now: datetime, *, shaping: Shaping | None = None
) -> RoundPlan:
    """What a round would do now (nothing is written): for runs and dry runs alike.

    `shaping` is an admin's locks and drops; locks that can no longer be kept are left out.
    """
    data = load_round_input(session, schedule, now)
    return plan_with_input(data, shaping)


def plan_with_input(data: RoundInput, shaping: Shaping | None = None) -> RoundPlan:
    shaping = shaping or Shaping()
    if shaping.locks:
        shaping = keepable(
            shaping,
            data.participants,
            history=data.history,
            blocks=data.blocks,
            settings=data.settings,
        )
    keep: list[tuple[str, str]] = []
    if shaping.locks or shaping.drops:
        # An admin's changes move only what they must: the round is solved as it would be
        # without them, and the shaped round keeps as many of those pairs as its optimum
        # allows (the engine's last objective level). Preview, re-solve and run agree.
        plain = match_round(
            data.participants, history=data.history, blocks=data.blocks, settings=data.settings
        )
        keep = [(p.mentor, p.mentee) for p in plain.pairs]
    result = match_round(
        data.participants,
        history=data.history,
        blocks=data.blocks,
        settings=data.settings,
        skill_labels=data.labels,
        locks=shaping.locks,
        forbidden=shaping.drops,
        keep=keep,
    )
    served = {p.mentee for p in result.pairs} | {
        learner for circle in result.circles for learner in circle.learners
    }
    peers = plan_peer_circles(data.participants, served=served)
    return RoundPlan(input=data, result=result, peers=peers)


def _person(member: Member) -> intro_ui.Person:
    return intro_ui.Person(slack_id=member.slack_user_id, name=member.display_name, tz=member.tz)


def _direction(data: RoundInput, pair: EnginePair, request: MentoringRequest) -> intro_ui.Direction:
    return intro_ui.Direction(
        mentor=_person(data.members[pair.mentor]),
        mentee=_person(data.members[pair.mentee]),
        skill=data.labels.get(pair.skill, pair.skill),
        reasons=pair.reasons,
        goal=request.goal or None,
        frequency=request.frequency,
        duration=request.duration,
    )


def _store_pair(
    session: Session,
    data: RoundInput,
    round_row: Round,
    folded: FoldedPair,
    now: datetime,
) -> PairRow:
    pair, back = folded.main, folded.back
    request = data.requests[(pair.mentee, pair.skill)]
    back_request = data.requests[(back.mentee, back.skill)] if back is not None else None
    duration = known_duration(request.duration)
    row = PairRow(
        team_id=round_row.team_id,
        round_id=round_row.id,
        mentor_id=data.members[pair.mentor].id,
        mentee_id=data.members[pair.mentee].id,
        skill_id=data.skills[pair.skill].id,
        request_id=request.id,
        score=folded.score,
        two_way=folded.two_way,
        reverse=folded.reverse,
        reasons=list(pair.reasons),
        return_skill_id=data.skills[back.skill].id if back is not None else None,
        return_request_id=back_request.id if back_request is not None else None,
        return_reasons=list(back.reasons) if back is not None else [],
        status=PairStatus.ACTIVE,
        started_at=now,
        duration=duration,
        ends_at=ends_at(now, duration),
    )
    session.add(row)
    for served in (request, back_request):
        if served is not None:
            served.status = RequestStatus.MATCHED
    session.flush()
    content = intro_ui.IntroContent(
        pair_id=row.id,
        main=_direction(data, pair, request),
        back=_direction(data, back, back_request) if back is not None and back_request else None,
        two_way=row.two_way,
        reverse=row.reverse,
        now=now,
        times=outlook_for(data.members[pair.mentee], data.members[pair.mentor], now),
    )
    message = intro_ui.intro_message(content)
    enqueue_reply(
        session,
        message,
        team_id=row.team_id,
        key=f"pair={row.id}:intro",
        kind="intro",
        not_before=now,
        users=(pair.mentor, pair.mentee),
    )
    return row


def demand_rank(demand: Counter[str], slug: str) -> int:
    """1 for the most requested skill; ties share a rank."""
    mine = demand[slug]
    return 1 + sum(1 for count in demand.values() if count > mine)


def _notify_unmatched(
    session: Session,
    data: RoundInput,
    team_id: str,
    period: str,
    unserved: tuple[Unserved, ...],
    now: datetime,
) -> int:
    by_person: dict[str, list[Unserved]] = defaultdict(list)
    for item in unserved:
        if item.participant not in data.away:  # they hear why from `_notify_away` instead
            by_person[item.participant].append(item)
    for person, items in by_person.items():
        message = unmatched_ui.unmatched_message(
            [
                unmatched_ui.UnmatchedSkill(
                    skill=data.labels.get(item.skill, item.skill),
                    reason=item.reason,
                    reason_text=item.text,
                    demand_rank=demand_rank(data.demand, item.skill),
                    demand=data.demand[item.skill],
                    cooldown_weeks=data.settings.cooldown_weeks,
                    max_tz_gap_hours=data.settings.max_tz_gap_hours,
                )
                for item in items
            ]
        )
        enqueue_reply(
            session,
            message,
            team_id=team_id,
            key=f"unmatched:{person}:{period}",
            kind="unmatched",
            not_before=now,
            users=(person,),
        )
    return len(by_person)


def _notify_away(
    session: Session, data: RoundInput, team_id: str, period: str, now: datetime
) -> int:
    """One DM to each person the round skipped because they are away, saying until when."""
    for person in sorted(data.away):
        member = data.members[person]
        if member.away_until is None:
            continue
        message = away_ui.away_skipped_message(
            until=member.away_until, until_known=member.away_until_known, tz=member.tz, now=now
        )
        enqueue_reply(
            session,
            message,
            team_id=team_id,
            key=f"away:{person}:{period}",
            kind="away",
            not_before=now,
            users=(person,),
        )
    return len(data.away)


def _summary(plan: RoundPlan, pairs: int, unmatched: int) -> dict[str, float]:
    summary = {k: float(v) for k, v in plan.result.stats.items() if isinstance(v, int | float)}
    summary.update(pairs=pairs, unmatched_people=unmatched, optimal=float(plan.result.optimal))
    return summary


# Called inside a round's transaction once it is decided: what else must commit with it.
OnRun = Callable[[Session, RoundOutcome], None]


def run_round(
    deps: Deps,
    team_id: str,
    *,
    period: str,
    now: datetime,
    trigger: str = "schedule",
    on_run: OnRun | None = None,
) -> RoundOutcome | None:
    """Run the workspace's round for `period`; None when it already ran (or is running).

    `on_run` runs in the round's own transaction: if it raises, nothing of the round stays.
    """
    with transaction(deps.sessions) as session:
        schedule = ensure_schedule(session, team_id, now)
        claim = Round(team_id=team_id, period=period, trigger=trigger, ran_at=now)
        if not claim_period(session, claim):
            log.info("round %s already ran", period, extra={"team_id": team_id})
            return None
        plan = plan_round(
            session,
            schedule,
            now,
            shaping=solved_shaping(session, team_id=team_id, period=period),
        )
        clear_draft(session, team_id=team_id, period=period)
        stored = [
            _store_pair(session, plan.input, claim, folded, now)
            for folded in fold_two_way(plan.result.pairs)
        ]
        circles = store_circles(
            session,
            round_row=claim,
            circles=plan.result.circles,
            peers=plan.peers,
            members=plan.input.members,
            requests=plan.input.requests,
            skills=plan.input.skills,
            now=now,
        )
        unmatched = _notify_unmatched(session, plan.input, team_id, period, plan.unserved, now)
        _notify_away(session, plan.input, team_id, period, now)
        claim.input_digest = plan.input.digest()
        claim.summary = _summary(plan, len(stored), unmatched)
        # The engine's `served` counts pairs and circles; peer circles serve their learners too.
        peer_learners = sum(len(peer.learners) for peer in plan.peers)
        claim.summary.update(
            peer_circles=len(plan.peers),
            circles_stored=len(circles),
            served=claim.summary.get("served", 0) + peer_learners,
        )
        announce_round(session, schedule, claim, stored, still_waiting=len(plan.unserved), now=now)
        log.info(
            "round %s: %d participants, %d open requests, %d pairs, %d people unmatched, "
            "cooldown %s weeks, max tz gap %s, input %s, optimal %s, method %s, "
            "%d flow solves, %d edges priced",
            period,
            len(plan.input.participants),
            sum(len(p.requests) for p in plan.input.participants),
            len(stored),
            unmatched,
            plan.input.settings.cooldown_weeks,
            plan.input.settings.max_tz_gap_hours,
            claim.input_digest[:16],
            plan.result.optimal,
            "pruned" if plan.result.stats.get("method_pruned") else "hub",
            plan.result.stats.get("flow_solves", 0),
            plan.result.stats.get("edges_priced", 0),
            extra={"team_id": team_id, "job": "round"},
        )
        outcome = RoundOutcome(
            period=period,
            pairs=len(stored),
            unmatched_people=unmatched,
            summary=claim.summary,
            circles=len(circles),
        )
        if on_run is not None:
            on_run(session, outcome)
        return outcome
