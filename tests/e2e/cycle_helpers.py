"""Seeding people, offers and requests for the weekly cycle's end-to-end tests, and delivering
what the tick queued through the sender thread."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy import and_, or_, select

from bot.core import ids
from bot.core.deps import Deps
from bot.db.models import (
    CheckIn,
    Member,
    MentoringRequest,
    OutboxMessage,
    OutboxStatus,
    Pair,
    PairStatus,
    Skill,
)
from bot.db.session import transaction
from bot.delivery.sender import run_sender
from bot.domain.people import SlackProfile
from bot.jobs.tick import tick
from bot.services.people import create_member
from bot.services.records import save_offers, save_requests
from bot.services.schedules import ensure_schedule
from bot.services.settings import start_rounds
from bot.skills.normalise import normalize_skill
from tests.support.fake_slack import Call, FakeSlack

# How long the sender thread may take to deliver what is due before a test gives up.
DELIVERY_TIMEOUT = 30.0
TEST_SENDER = "test-sender"


def _due_or_ours(deps: Deps) -> bool:
    """A row is due and waiting, or our sender holds it. Rows retried later (by the test
    clock, which does not move by itself) are not due: they wait for the test to move on."""
    with deps.sessions() as session:
        found = session.scalar(
            select(OutboxMessage.id)
            .where(
                or_(
                    and_(
                        OutboxMessage.status == OutboxStatus.PENDING,
                        OutboxMessage.not_before <= deps.clock(),
                    ),
                    and_(
                        OutboxMessage.status == OutboxStatus.SENDING,
                        OutboxMessage.claimed_by == TEST_SENDER,
                    ),
                )
            )
            .limit(1)
        )
    return found is not None


def deliver(deps: Deps, *, timeout: float = DELIVERY_TIMEOUT) -> None:
    """Deliver what is due the way production does: the sender loop (`run_sender`) on its
    own thread, as `jobs.scheduler` starts it; stopped once nothing due is left waiting or
    being sent, and joined, so every call it made is recorded when this returns."""
    stop = threading.Event()
    failures: list[BaseException] = []

    def send() -> None:
        try:
            run_sender(deps, stop, worker_id=TEST_SENDER, idle_wait=0.02)
        except BaseException as failure:  # reported to the test below
            failures.append(failure)

    sender = threading.Thread(target=send, name="sender", daemon=True)
    sender.start()
    deadline = time.monotonic() + timeout
    try:
        while _due_or_ours(deps) and not failures:
            if time.monotonic() > deadline:
                raise AssertionError(f"the sender left messages undelivered after {timeout}s")
            time.sleep(0.01)
    finally:
        stop.set()
        sender.join(timeout)
    if failures:
        raise failures[0]
    assert not sender.is_alive(), "the sender thread did not stop"


def tick_and_deliver(deps: Deps) -> None:
    """The minute tick, then the sender thread's delivery of what it queued."""
    tick(deps)
    deliver(deps)


def finish_setup(deps: Deps, team_id: str = "T1") -> None:
    """The workspace as an admin leaves it after setup (saving the settings, or Start rounds
    in App Home): scheduled rounds run from the next one on. A new workspace runs none
    before. tests/e2e/test_round_setup.py goes through those doors; tests about what rounds
    do start from here."""
    now = deps.clock()
    with transaction(deps.sessions) as session:
        start_rounds(session, ensure_schedule(session, team_id, now), now)


def add_person(
    deps: Deps,
    fake: FakeSlack,
    user_id: str,
    name: str,
    *,
    offers: Mapping[str, int] | None = None,
    requests: Mapping[str, str] | None = None,
    tz: str = "Europe/London",
    tz_offset: int = 0,
    career_stage: str | None = None,
    capacity: int = 1,
    duration: str | None = None,
    frequency: str | None = None,
    waited_weeks: int = 0,
    is_admin: bool = False,
) -> None:
    """A person as if they had used /mentor: `requests` maps skill -> goal."""
    fake.add_user(user_id, display_name=name, tz=tz, tz_offset=tz_offset, is_admin=is_admin)
    now = deps.clock()
    with transaction(deps.sessions) as session:
        member = create_member(
            session,
            team_id="T1",
            enterprise_id=None,
            profile=SlackProfile(user_id, name, tz, tz_offset),
        )
        member.career_stage = career_stage
        member.mentor_capacity = capacity
        for skill, level in (offers or {}).items():
            save_offers(session, member, [normalize_skill(skill)], level)
        for skill, goal in (requests or {}).items():
            save_requests(session, member, [normalize_skill(skill)])
            request = session.scalars(
                select(MentoringRequest)
                .where(MentoringRequest.member_id == member.id)
                .order_by(MentoringRequest.id.desc())
            ).first()
            request.goal = goal
            request.duration = duration
            request.frequency = frequency
            request.created_at = now - timedelta(weeks=waited_weeks)


def posts(fake: FakeSlack, *, channel_prefix: str = "") -> list[Call]:
    return [
        call
        for call in fake.calls_to("chat.postMessage")
        if call.ok and str(call.params.get("channel", "")).startswith(channel_prefix)
    ]


def buttons(call: Call) -> dict[str, str]:
    """action_id -> value of every button in a posted message."""
    found = {}
    for block in call.params.get("blocks") or []:
        for element in block.get("elements") or []:
            if element.get("type") == "button":
                found[element["action_id"]] = element.get("value")
    return found


def pairs(deps: Deps) -> list[Pair]:
    with deps.sessions() as session:
        return list(session.scalars(select(Pair).order_by(Pair.id)))


def metadata(view: Mapping[str, Any]) -> str:
    return view.get("private_metadata") or json.dumps({})


def everything_sent(fake: FakeSlack) -> str:
    """Every parameter of every call the app made to Slack, for "never shared" checks."""
    return json.dumps([call.params for call in fake.calls], ensure_ascii=False)


def seed_pair(deps: Deps, mentor: str, mentee: str, skill: str, *, team_id: str = "T1") -> Pair:
    """An active pair between two existing members, as a round would have stored it
    (without its intro), with one check-in sent: for tests of the pair's own modals."""
    now = deps.clock()
    with transaction(deps.sessions) as session:
        members = {
            m.slack_user_id: m
            for m in session.scalars(
                select(Member).where(
                    Member.team_id == team_id, Member.slack_user_id.in_([mentor, mentee])
                )
            )
        }
        skill_row = session.scalar(
            select(Skill).where(Skill.team_id == team_id, Skill.slug == skill)
        )
        pair = Pair(
            team_id=team_id,
            mentor_id=members[mentor].id,
            mentee_id=members[mentee].id,
            skill_id=skill_row.id,
            score=1,
            status=PairStatus.ACTIVE,
            started_at=now,
        )
        session.add(pair)
        session.flush()
        session.add(
            CheckIn(team_id=team_id, pair_id=pair.id, period=f"seed-{pair.id}", number=1,
                    sent_at=now)
        )  # fmt: skip
    return pair


def checkin_of(deps: Deps, pair_id: int) -> int:
    with deps.sessions() as session:
        return session.scalar(select(CheckIn.id).where(CheckIn.pair_id == pair_id))


def ask_for_help(
    slack: Any, fake: FakeSlack, checkin_id: str, *, user_id: str, said: str = ""
) -> dict[str, Any]:
    """Click "Need help" on a check-in, say what would help, send it; returns the answer."""
    before = len(fake.calls_to("views.open"))
    slack.action(ids.CHECKIN_NEED_HELP, value=checkin_id, user_id=user_id)
    calls = fake.wait_for(
        "views.open",
        where=lambda c: c.params["view"]["callback_id"] == ids.CHECKIN_HELP_MODAL,
        count=1
        + sum(
            1
            for c in fake.calls_to("views.open")[:before]
            if c.params["view"]["callback_id"] == ids.CHECKIN_HELP_MODAL
        ),
    )
    view = calls[-1].params["view"]
    values = {ids.CHECKIN_HELP_TEXT: {ids.CHECKIN_HELP_TEXT: said}}
    response = slack.submit_view(
        ids.CHECKIN_HELP_MODAL, values=values, user_id=user_id,
        private_metadata=view["private_metadata"],
    )  # fmt: skip
    return response.json()
