"""The first commands in a workspace nobody has used yet, arriving all at once.

Fifty people (and a few of them twice) send `/mentor offer …` together through the real
HTTP app into an empty database: every command is stored and confirmed, or at the very
least answered with an error. Nothing is acknowledged and then silently lost.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from sqlalchemy import func, select

from bot.db.models import Member, Offer, Skill, Workspace
from tests.e2e.helpers import visible_text
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackClient

PEOPLE = 50


@dataclass(frozen=True)
class Sent:
    name: str  # the response_url's name on the fake
    user_id: str
    skills: tuple[str, ...]  # slugs the command offers
    status: int


def commands() -> list[tuple[str, str, tuple[str, ...]]]:
    """(user, text, slugs): everyone offers python, a few send a second command at once."""
    firsts = [(f"U{100 + i}", "offer python", ("python",)) for i in range(PEOPLE)]
    seconds = [
        ("U100", "offer python level 3", ("python",)),  # the same offer, twice at once
        ("U101", "offer go, python", ("golang", "python")),
        ("U102", "offer python, go", ("python", "golang")),
        ("U102", "offer go, python", ("golang", "python")),  # opposite orders: no deadlock
        ("U103", "offer public speaking", ("public-speaking",)),
    ]
    return firsts + seconds


def send_together(slack: SlackClient, fake: FakeSlack) -> list[Sent]:
    planned = commands()
    start = threading.Barrier(len(planned))

    def send(number: int) -> Sent:
        user_id, text, slugs = planned[number]
        name = f"first-{number}"
        start.wait()
        response = slack.command(text, user_id=user_id, response_url=fake.response_url(name))
        return Sent(name=name, user_id=user_id, skills=slugs, status=response.status)

    with ThreadPoolExecutor(max_workers=len(planned)) as pool:
        return list(pool.map(send, range(len(planned))))


def answers(fake: FakeSlack, sent: list[Sent], timeout: float) -> dict[str, str]:
    """name -> the words of the reply posted to that command's response_url."""
    names = {s.name for s in sent}
    deadline = time.monotonic() + timeout
    while True:
        found = {
            call.params["_name"]: visible_text(call.params)
            for call in fake.calls_to("response_url")
            if call.params.get("_name") in names
        }
        if len(found) == len(names) or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def stored_offers(deps) -> set[tuple[str, str]]:
    with deps.sessions() as session:
        rows = session.execute(
            select(Member.slack_user_id, Skill.slug)
            .join(Offer, Offer.member_id == Member.id)
            .join(Skill, Skill.id == Offer.skill_id)
        ).all()
    return {(user, slug) for user, slug in rows}


def test_first_commands_in_a_new_workspace_are_all_stored(slack, fake_slack, deps):
    for i in range(PEOPLE):
        fake_slack.add_user(f"U{100 + i}", display_name=f"Person {i}")
    with deps.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Workspace)) == 0

    sent = send_together(slack, fake_slack)

    assert [s.status for s in sent] == [200] * len(sent)  # all acknowledged in time
    replies = answers(fake_slack, sent, timeout=120)
    offers = stored_offers(deps)
    lost = [
        s
        for s in sent
        if s.name not in replies and not all((s.user_id, slug) in offers for slug in s.skills)
    ]
    assert not lost, f"acknowledged, then neither stored nor answered: {lost}"
    unanswered = [s.name for s in sent if s.name not in replies]
    assert not unanswered, unanswered
    failed = {name: words for name, words in replies.items() if "Thanks" not in words}
    # None needed the error answer: every race is won or waited out.
    assert not failed, f"{len(failed)} of {len(sent)} answered with an error: {sorted(failed)}"
    for s in sent:
        assert all((s.user_id, slug) in offers for slug in s.skills), s
    with deps.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Workspace)) == 1
        assert session.scalar(select(func.count()).select_from(Member)) == PEOPLE
        skills = session.scalars(select(Skill.slug).order_by(Skill.slug)).all()
    assert skills == ["golang", "public-speaking", "python"]
    # Each command ends by publishing App Home: let the listeners finish before teardown.
    fake_slack.wait_for("views.publish", count=len(sent), timeout=60)


def test_a_command_that_fails_after_the_ack_tells_the_person(slack, fake_slack, deps):
    # A new person, and Slack's users.info failing (both the call and its one retry):
    # the app can't create them, so nothing is stored — and they are told so.
    fake_slack.add_user("U7", display_name="Ada")
    fake_slack.fail_next("users.info", status=500, times=2)
    name = "fails-after-ack"

    response = slack.command(
        "offer python", user_id="U7", response_url=fake_slack.response_url(name)
    )

    assert response.status == 200
    [answer] = fake_slack.wait_for("response_url", where=lambda c: c.params.get("_name") == name)
    assert answer.params["response_type"] == "ephemeral"
    assert "something went wrong" in visible_text(answer.params)
    assert stored_offers(deps) == set()
