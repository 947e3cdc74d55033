"""Helpers for the program admin end-to-end tests: admins, App Home, the admin modals."""

from __future__ import annotations

import uuid
from typing import Any

from bot.core import ids
from bot.core.deps import Deps
from tests.support.fake_slack import Call, FakeSlack
from tests.support.slack_requests import (
    SlackClient,
    checkboxes,
    external_select,
    modal_view,
    number_input,
    static_select,
)

ADMIN = "UADMIN"


def add_admin_user(fake: FakeSlack, user_id: str = ADMIN, **flags: Any) -> None:
    fake.add_user(user_id, display_name=user_id.title(), **({"is_admin": True} | flags))


def published_home(slack: SlackClient, fake: FakeSlack, user_id: str) -> dict[str, Any]:
    """Open App Home as `user_id` and return the view the app published for them."""
    before = len(fake.calls_to("views.publish"))
    assert slack.event({"type": "app_home_opened", "user": user_id, "tab": "home"}).status == 200
    calls = fake.wait_for(
        "views.publish",
        count=before + 1,
        where=lambda c: True,
    )
    mine = [c for c in calls[before:] if c.params.get("user_id") == user_id]
    assert mine, fake.describe_calls()
    return mine[-1].params["view"]


def home_buttons(view: dict[str, Any]) -> dict[str, str | None]:
    found = {}
    for block in view.get("blocks") or []:
        for element in block.get("elements") or []:
            if element.get("type") == "button":
                found[element["action_id"]] = element.get("value")
    return found


def home_container(user_id: str) -> dict[str, Any]:
    """The `view` Slack sends with a click in someone's App Home."""
    return modal_view("", view_type="home", view_id=f"VHOME{user_id}")


def views_with(fake: FakeSlack, method: str, callback_id: str) -> list[Call]:
    return [c for c in fake.calls_to(method) if c.params["view"].get("callback_id") == callback_id]


def wait_for_view(fake: FakeSlack, method: str, callback_id: str, count: int = 1) -> dict[str, Any]:
    calls = fake.wait_for(
        method, count=count, where=lambda c: c.params["view"].get("callback_id") == callback_id
    )
    return calls[-1].params["view"]


def command(slack: SlackClient, fake: FakeSlack, text: str, user_id: str = ADMIN) -> str:
    """Send `/mentor <text>`; returns the response_url name its replies land on."""
    name = f"cmd-{uuid.uuid4().hex[:10]}"
    response = slack.command(text, user_id=user_id, response_url=fake.response_url(name))
    assert response.status == 200, response.text
    return name


def reply_to(fake: FakeSlack, name: str, count: int = 1) -> dict[str, Any]:
    calls = fake.wait_for(
        "response_url", count=count, where=lambda c: c.params.get("_name") == name
    )
    return calls[count - 1].params


def settings_values(
    *,
    weekday: str = "0",
    at: str = "09:00",
    timezone: str = "Europe/London",
    cadence: str = "weekly",
    cooldown: str | None = "26",
    gap: str | None = None,
    weight: str | None = "3",
    nudge: str | None = "2",
    close: str | None = "4",
    channel: str | None = None,
    name_pairs: bool = False,
    approve: bool = False,
) -> dict[str, dict[str, Any]]:
    """The state values of a settings modal submission (strings, as Slack sends them)."""
    return {
        ids.ADMIN_WEEKDAY: {ids.ADMIN_WEEKDAY: static_select(weekday)},
        ids.ADMIN_TIME: {ids.ADMIN_TIME: {"type": "timepicker", "selected_time": at}},
        ids.ADMIN_TIMEZONE: {ids.ADMIN_TIMEZONE: external_select(timezone)},
        ids.ADMIN_CADENCE: {ids.ADMIN_CADENCE: static_select(cadence)},
        ids.ADMIN_COOLDOWN: {ids.ADMIN_COOLDOWN: number_input(cooldown)},
        ids.ADMIN_TZ_GAP: {ids.ADMIN_TZ_GAP: number_input(gap)},
        ids.ADMIN_TWO_WAY_WEIGHT: {ids.ADMIN_TWO_WAY_WEIGHT: number_input(weight)},
        ids.ADMIN_NUDGE_AFTER: {ids.ADMIN_NUDGE_AFTER: number_input(nudge)},
        ids.ADMIN_CLOSE_AFTER: {ids.ADMIN_CLOSE_AFTER: number_input(close)},
        ids.ADMIN_ANNOUNCE_CHANNEL: {
            ids.ADMIN_ANNOUNCE_CHANNEL: {
                "type": "conversations_select",
                "selected_conversation": channel,
            }
        },
        ids.ADMIN_ANNOUNCE_PAIRS: {
            ids.ADMIN_ANNOUNCE_PAIRS: checkboxes(["name_pairs"] if name_pairs else [])
        },
        ids.ADMIN_APPROVE_ROUNDS: {
            ids.ADMIN_APPROVE_ROUNDS: checkboxes(["approve_rounds"] if approve else [])
        },
    }


def open_preview(slack: SlackClient, fake: FakeSlack, user_id: str = ADMIN) -> dict[str, Any]:
    """`/mentor admin preview`, then the preview modal the app put in place."""
    before = len(views_with(fake, "views.update", ids.ADMIN_PREVIEW_MODAL))
    command(slack, fake, "admin preview", user_id)
    return wait_for_view(fake, "views.update", ids.ADMIN_PREVIEW_MODAL, count=before + 1)


# Texts people wrote for themselves or their partner: no admin payload may ever show them.
PRIVATE_TEXTS = (
    "PRIVATE-NOTE-grace-feels-stuck",
    "PRIVATE-NOT-A-FIT-dave-was-rude",
    "PRIVATE-LEARNED-pitching",
    "PRIVATE-TAUGHT-spreadsheets",
    "PRIVATE-LOG-covered-pivot-tables",
    "PRIVATE-LOG-ada-learned",
    "PRIVATE-LOG-action-item",
    "PRIVATE-THANKS-for-the-pitch-deck",
)


def seed_program(deps: Deps, fake: FakeSlack | None = None) -> None:
    """A small program with hand-checkable numbers (see tests/services/test_admin_stats.py).

    `now` is the test clock's Monday 23 November 2026, 08:00 UTC.
    """
    from datetime import UTC, datetime, timedelta

    from bot.db.models import (
        CheckIn,
        CheckInAnswer,
        Feedback,
        FitRating,
        LogEntry,
        Member,
        MentoringRequest,
        Offer,
        Pair,
        Round,
        Skill,
        Thanks,
        Workspace,
    )

    now = deps.clock()

    def at(year: int, month: int, day: int) -> datetime:
        return datetime(year, month, day, 9, 0, tzinfo=UTC)

    with deps.sessions.begin() as session:
        session.add_all([Workspace(team_id="T1"), Workspace(team_id="T2")])
        session.flush()
        skills = {}
        for team in ("T1", "T2"):
            for slug, label in (
                ("python", "Python"),
                ("sql", "SQL"),
                ("public-speaking", "Public speaking"),
                ("go", "Go"),
                ("rust", "Rust"),
            ):
                skills[(team, slug)] = Skill(team_id=team, slug=slug, label=label, aliases=[])
        session.add_all(skills.values())
        people = {}
        for key, name, extra in (
            ("ada", "Ada", {}),
            ("grace", "Grace", {}),
            ("linus", "Linus", {"paused": True}),
            ("margaret", "Margaret", {"career_stage": "senior"}),
            ("alan", "Alan", {}),
            ("barbara", "Barbara", {}),
            ("carol", "Carol", {"paused": True, "paused_until": now + timedelta(days=17)}),
            ("dave", "Dave", {"paused": True, "paused_until": now - timedelta(days=22)}),
            ("eve", "Eve", {"active": False}),
            ("frank", "Frank", {}),
        ):
            people[key] = Member(
                team_id="T1", slack_user_id=f"U{name.upper()}", display_name=name, **extra
            )
            if fake is not None:
                fake.add_user(f"U{name.upper()}", display_name=name)
        people["other"] = Member(team_id="T2", slack_user_id="UOTHER", display_name="Other")
        session.add_all(people.values())
        session.flush()

        def skill(slug: str, team: str = "T1") -> int:
            return skills[(team, slug)].id

        for who, slug, level in (
            ("ada", "python", 4),
            ("ada", "sql", 2),
            ("grace", "public-speaking", 5),
            ("linus", "sql", 3),
            ("dave", "go", 3),
            ("eve", "rust", 5),
        ):
            session.add(Offer(team_id="T1", member_id=people[who].id, skill_id=skill(slug),
                              level=level))  # fmt: skip
        session.add(Offer(team_id="T2", member_id=people["other"].id,
                          skill_id=skill("rust", "T2"), level=2))  # fmt: skip
        requests = {}
        for key, who, slug, status, days in (
            ("grace-python", "grace", "python", "matched", 30),
            ("margaret-sql", "margaret", "sql", "matched", 80),
            ("alan-rust", "alan", "rust", "open", 2),
            ("barbara-rust", "barbara", "rust", "open", 10),
            ("barbara-go", "barbara", "go", "open", 40),
            ("carol-rust", "carol", "rust", "open", 35),
            ("eve-python", "eve", "python", "open", 50),
        ):
            requests[key] = MentoringRequest(
                team_id="T1", member_id=people[who].id, skill_id=skill(slug), status=status,
                goal=f"goal of {who}", created_at=now - timedelta(days=days),
            )  # fmt: skip
        session.add(MentoringRequest(team_id="T2", member_id=people["other"].id,
                                     skill_id=skill("go", "T2"), status="open"))  # fmt: skip
        session.add_all(requests.values())
        rounds = {}
        for key, period, ran, opened, served in (
            ("w38", "2026-W38", at(2026, 9, 14), 5, 1),
            ("w41", "2026-W41", at(2026, 10, 5), 4, 1),
            ("w45", "2026-W45", at(2026, 11, 2), 6, 2),
        ):
            rounds[key] = Round(team_id="T1", period=period, trigger="schedule", ran_at=ran,
                                summary={"open_requests": opened, "served": served})  # fmt: skip
        session.add(Round(team_id="T1", period="2026-W47", trigger="skipped", ran_at=now,
                          summary={"skipped": 1}))  # fmt: skip
        session.add(Round(team_id="T2", period="2026-W45", trigger="schedule",
                          ran_at=at(2026, 11, 2), summary={}))  # fmt: skip
        session.add_all(rounds.values())
        session.flush()
        p1 = Pair(team_id="T1", round_id=rounds["w45"].id, mentor_id=people["ada"].id,
                  mentee_id=people["grace"].id, skill_id=skill("python"), score=12, two_way=True,
                  return_skill_id=skill("public-speaking"), status="active",
                  started_at=at(2026, 11, 2), reasons=[])  # fmt: skip
        p2 = Pair(team_id="T1", round_id=rounds["w38"].id, mentor_id=people["linus"].id,
                  mentee_id=people["margaret"].id, skill_id=skill("sql"), score=8, reverse=True,
                  status="active", started_at=at(2026, 9, 14), reasons=[])  # fmt: skip
        p3 = Pair(team_id="T1", round_id=rounds["w41"].id, mentor_id=people["dave"].id,
                  mentee_id=people["barbara"].id, skill_id=skill("go"), score=6,
                  status="ended", end_reason="not_a_fit", started_at=at(2026, 10, 5),
                  ended_at=at(2026, 11, 9), reasons=[])  # fmt: skip
        session.add_all([p1, p2, p3])
        session.flush()
        for pair, period, answers in (
            (p1, "2026-W46", [("ada", "met", None), ("grace", "not_yet", PRIVATE_TEXTS[0])]),
            (p1, "2026-W47", []),
            (p2, "2026-W46", [("linus", "not_yet", None)]),
            (p3, "2026-W42", [("dave", "met", None)]),
        ):
            checkin = CheckIn(team_id="T1", pair_id=pair.id, period=period, number=1,
                              sent_at=now - timedelta(days=7))  # fmt: skip
            session.add(checkin)
            session.flush()
            for who, answer, note in answers:
                session.add(CheckInAnswer(team_id="T1", checkin_id=checkin.id,
                                          member_id=people[who].id, answer=answer, note=note,
                                          answered_at=now))  # fmt: skip
        session.add(Feedback(team_id="T1", pair_id=p3.id, member_id=people["barbara"].id,
                             kind="not_a_fit", reason=PRIVATE_TEXTS[1],
                             created_at=now))  # fmt: skip
        session.add(Feedback(team_id="T1", pair_id=p1.id, member_id=people["grace"].id,
                             kind="ending", learned=PRIVATE_TEXTS[2], taught=PRIVATE_TEXTS[3],
                             decision="continue", created_at=now))  # fmt: skip
        # The pair's learning log, with an open action item: never an admin's to see.
        session.add(LogEntry(team_id="T1", pair_id=p1.id, author_id=people["grace"].id,
                             covered=PRIVATE_TEXTS[4], mentor_learned=PRIVATE_TEXTS[5],
                             action_item=PRIVATE_TEXTS[6], action_owner_id=people["ada"].id,
                             logged_at=now))  # fmt: skip
        # Thanks and private fit answers: never on an admin's screen (too few to matter to
        # the matcher, so the round's pairs stay the same).
        session.add(Thanks(team_id="T1", sender_id=people["grace"].id,
                           recipient_id=people["ada"].id, pair_id=p1.id,
                           message=PRIVATE_TEXTS[7], created_at=now))  # fmt: skip
        session.add(FitRating(team_id="T1", pair_id=p3.id, rater_id=people["barbara"].id,
                              rated_id=people["dave"].id, stage="two_weeks",
                              answer="not_a_fit", answered_at=now))  # fmt: skip
