"""`/mentor thanks` end to end: the DM through the outbox, endorsements counted in
`/mentor find`, public thanks only when both agree, refusals, and the matcher's bonus."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from bot.core import ids
from bot.db.models import Member, Thanks
from bot.services.rounds import load_round_input
from bot.services.schedules import ensure_schedule
from tests.e2e.cycle_helpers import add_person, deliver, posts
from tests.e2e.helpers import command_reply, visible_text
from tests.e2e.modal_support import profile_values, submit


@pytest.fixture
def people(deps, fake_slack):
    """Ada offers Python; Grace, Linus and Barbara are learners; a bot is in the workspace."""
    add_person(deps, fake_slack, "U1", "Ada", offers={"python": 4})
    add_person(deps, fake_slack, "U2", "Grace", requests={"python": "Automate reports"})
    add_person(deps, fake_slack, "U3", "Linus")
    add_person(deps, fake_slack, "U4", "Barbara")
    fake_slack.add_user("UBOT", display_name="Helper bot", is_bot=True)
    fake_slack.add_user("U9", display_name="Newcomer")


def dms_to(fake_slack, user_id: str) -> list[str]:
    """The text of every DM the app posted to `user_id`."""
    channels = {
        call.response["channel"]["id"]
        for call in fake_slack.calls_to("conversations.open")
        if call.ok and call.params.get("users") == user_id
    }
    return [visible_text(c.params) for c in posts(fake_slack) if c.params["channel"] in channels]


def thanks_rows(deps) -> list[Thanks]:
    with deps.sessions() as session:
        return list(session.scalars(select(Thanks).order_by(Thanks.id)))


def test_thanks_sends_a_warm_dm_and_endorses_the_skill(slack, fake_slack, deps, people):
    reply = command_reply(
        slack, fake_slack, "thanks <@U1|ada> for the Python pairing sessions", user_id="U2"
    )
    said = visible_text(reply)
    assert reply["response_type"] == "ephemeral"
    assert "Your thanks is on its way to <@U1>" in said
    assert "endorsement of their *Python*" in said
    deliver(deps)
    [dm] = dms_to(fake_slack, "U1")
    assert "<@U2> wanted to say thank you" in dm
    assert "the Python pairing sessions" in dm
    [row] = thanks_rows(deps)
    assert row.endorsed_skill_id is not None and row.public_channel is None


def test_words_that_name_no_offered_skill_are_thanks_without_endorsement(
    slack, fake_slack, deps, people
):
    said = visible_text(
        command_reply(
            slack, fake_slack, "thanks <@U2|grace> for the *kind* words &amp; more", user_id="U1"
        )
    )
    assert "on its way" in said and "endorsement" not in said
    deliver(deps)
    [dm] = dms_to(fake_slack, "U2")
    assert "> the *kind* words &amp; more" in dm, "the sender's words, escaped once"
    [row] = thanks_rows(deps)
    assert row.endorsed_skill_id is None and row.message == "the *kind* words & more"


def test_find_shows_how_many_learners_thanked_a_mentor(slack, fake_slack, deps, people):
    with deps.sessions.begin() as session:
        session.execute(update(Member).values(listed_in_directory=True))
    for user_id in ("U2", "U3", "U4", "U2"):  # Grace twice: she counts once
        command_reply(slack, fake_slack, "thank <@U1> for python", user_id=user_id)
    text = visible_text(command_reply(slack, fake_slack, "find python", user_id="U9"))
    assert "<@U1> — level 4 of 5, taking new mentees, thanked by 3 learners" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("thanks <@U2|grace> for python", "You can't thank yourself"),
        ("thanks <@UBOT|helper> for python", "is a bot"),
        ("thanks <@U9|newcomer> for python", "hasn't used mentorbot yet"),
    ],
)
def test_refusals_are_clear_and_store_nothing(slack, fake_slack, deps, people, text, expected):
    said = visible_text(command_reply(slack, fake_slack, text, user_id="U2"))
    assert expected in said
    deliver(deps)
    assert thanks_rows(deps) == []
    assert not [c for c in posts(fake_slack) if "thank you" in visible_text(c.params)]


def test_a_deactivated_person_cant_be_thanked(slack, fake_slack, deps, people):
    with deps.sessions.begin() as session:
        session.execute(update(Member).where(Member.slack_user_id == "U1").values(active=False))
    said = visible_text(command_reply(slack, fake_slack, "thanks <@U1> for python", user_id="U2"))
    assert "deactivated" in said and thanks_rows(deps) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("thanks", "say who you want to thank"),
        ("thanks @ada for python", "type @ and pick them"),
        ("thanks <#C1|general> for python", "type @ and pick them"),
        ("thanks <@U1|ada>", "say what you are thanking them for"),
        ("thanks <@U1|ada> for", "say what you are thanking them for"),
        ("thanks <@U1|ada> for python publicly", "say which channel"),
        ("thanks <@U1|ada> for " + "x" * 301, "long thanks"),
    ],
)
def test_bad_thanks_get_a_clear_answer(slack, fake_slack, deps, people, text, expected):
    said = visible_text(command_reply(slack, fake_slack, text, user_id="U2"))
    assert expected in said
    assert "/mentor thanks @grace for public speaking" in said
    assert thanks_rows(deps) == []


def test_public_thanks_only_when_the_recipient_allows_it(slack, fake_slack, deps, people):
    fake_slack.add_channel("CKUDOS", name="kudos")
    text = "thanks <@U1|ada> for python publicly in <#CKUDOS|kudos>"
    said = visible_text(command_reply(slack, fake_slack, text, user_id="U2"))
    assert "stays between you two" in said
    deliver(deps)
    assert not posts(fake_slack, channel_prefix="CKUDOS")
    # Ada allows public thanks in her profile.
    submit(slack, ids.PROFILE_MODAL, profile_values(public=True), user_id="U1")
    with deps.sessions() as session:
        ada = session.scalar(select(Member).where(Member.slack_user_id == "U1"))
        assert ada.allows_public_thanks
    said = visible_text(command_reply(slack, fake_slack, text, user_id="U3"))
    assert "also appear in <#CKUDOS>" in said
    deliver(deps)
    [post] = posts(fake_slack, channel_prefix="CKUDOS")
    assert "<@U3> thanks <@U1>" in visible_text(post.params)
    assert [row.public_channel for row in thanks_rows(deps)] == [None, "CKUDOS"]


def test_endorsements_become_the_matchers_tie_breaker(slack, fake_slack, deps, people):
    def ada_bonus() -> dict[str, int]:
        with deps.sessions.begin() as session:
            schedule = ensure_schedule(session, "T1", deps.clock())
            round_input = load_round_input(session, schedule, deps.clock())
            [ada] = [p for p in round_input.participants if p.id == "U1"]
            return dict(ada.bonus)

    command_reply(slack, fake_slack, "thanks <@U1> for python", user_id="U2")
    assert ada_bonus() == {}, "one person's thanks is not enough"
    command_reply(slack, fake_slack, "thanks <@U1> for python", user_id="U3")
    assert ada_bonus() == {"python": 1}
