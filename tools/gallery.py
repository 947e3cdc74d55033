"""Every message, modal and Home view the bot sends, on one HTML page, for reading copy.

`make gallery` writes build/gallery.html. Each surface is built by the real ui builders
from sample people: a two-way pair (Alice and Bob), a reverse pair (Linus teaches
Margaret), a program admin (Priya) and someone with nothing yet (Sam). The page shows
them roughly as Slack does: mrkdwn, mentions as names, buttons, fields and context.
"""

from __future__ import annotations

import argparse
import html
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

from bot.cycle.checkins import Answer
from bot.cycle.endings import Decision
from bot.cycle.goals import GoalStatus, LevelChange
from bot.cycle.schedule import Cadence
from bot.db.models import Pair
from bot.domain.circles import CircleContent, CircleItem, CirclePerson
from bot.domain.goals import GoalLine, GoalsOverview, LearnerGoalsView, SkillGain
from bot.domain.learning_log import ActionItem, LearnedLine, LoggedSession
from bot.domain.programs import (
    GROUPS_MISSING_SCOPE,
    ProgramCard,
    ProgramReport,
    UserGroup,
    UserGroupChoice,
)
from bot.listeners.shared.log_verbs import EXPORT_FILENAME
from bot.listeners.views.pairs import done_view
from bot.matching import UnservedReason
from bot.matching.reasons import MENTEE, MENTOR, unserved_text
from bot.parsing.commands import Invalid
from bot.scheduling.model import Person
from bot.scheduling.slots import overlap_outlook, propose_slots
from bot.services.admin_rounds import (
    AlreadyRan,
    Changed,
    Direction,
    PreviewCircle,
    PreviewPair,
    PreviewUnserved,
    Ran,
    RoundPreview,
    Skipped,
)
from bot.services.admin_stats import GapSkill, PairCounts, PeriodHealth, ProgramHealth, Waiting
from bot.services.dashboard import (
    AwayState,
    HomeDashboard,
    OfferItem,
    PairingItem,
    ProfileSummary,
    RequestItem,
)
from bot.services.directory import DirectoryEntry, DirectoryResult
from bot.services.meeting_times import calendar_file
from bot.services.pausing import PauseState
from bot.services.profiles import (
    OfferDraft,
    ProfileDraft,
    RequestDraft,
    SavedRequestDetails,
    SkillRef,
)
from bot.services.records import (
    MemberRecords,
    OfferView,
    RequestView,
    SavedOffer,
    SavedRequest,
)
from bot.services.rounds import RoundOutcome
from bot.services.settings import NextRound, ProgramSettings
from bot.services.skills_catalogue import SkillCount, SkillsOverview
from bot.ui import (
    admin_announcement,
    admin_home,
    admin_preview,
    admin_replies,
    admin_settings,
    leaving,
    modals,
    replies,
    unmatched,
)
from bot.ui import away as away_ui
from bot.ui import checkin as checkin_ui
from bot.ui import circles as circles_ui
from bot.ui import endings as endings_ui
from bot.ui import expectations as expectations_ui
from bot.ui import first_meeting as first_meeting_ui
from bot.ui import fit as fit_ui
from bot.ui import goals as goals_ui
from bot.ui import help_request as help_ui
from bot.ui import home as home_ui
from bot.ui import intro as intro_ui
from bot.ui import learning_log as log_ui
from bot.ui import meeting_times as meeting_ui
from bot.ui import programs as programs_ui
from bot.ui import thanks as thanks_ui
from bot.ui.admin_common import notice_view
from bot.ui.replies import Reply
from tools.gallery_approval import (
    PROGRAM_DRAFT,
    approval_messages,
    awaiting_approval,
    send_answers,
    waiting_for_setup,
)
from tools.gallery_shaping import shaping_views

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

# The sample people: Slack id -> the name Slack would show for a mention.
NAMES = {
    "U0ALICE": "Alice Moreau",
    "U0BOB": "Bob Okafor",
    "U0LINUS": "Linus Park",
    "U0MARGARET": "Margaret Hale",
    "U0PRIYA": "Priya Nair",
    "U0SAM": "Sam Rivera",
    "U0KEN": "Ken Adeyemi",
    "U0DANA": "Dana Cruz",
    "U0EMIL": "Emil Berg",
    "U0FARAH": "Farah Aziz",
}
ALICE = intro_ui.Person("U0ALICE", NAMES["U0ALICE"], "Europe/Paris")
BOB = intro_ui.Person("U0BOB", NAMES["U0BOB"], "America/New_York")
LINUS = intro_ui.Person("U0LINUS", NAMES["U0LINUS"], "Europe/London")
MARGARET = intro_ui.Person("U0MARGARET", NAMES["U0MARGARET"], "Europe/London")


@dataclass(frozen=True)
class Surface:
    """One thing the bot sends: a message (Reply), a view (modal or Home), or a file (its
    filename, title, the comment posted with it, and its text)."""

    group: str
    title: str
    kind: str  # "message", "view" or "file"
    payload: dict[str, Any]


def _offer_reason(skill: str, level: int) -> str:
    return f"{MENTOR} offers {skill} at level {level} and {MENTEE} asked to learn it"


TWO_WAY_MAIN = intro_ui.Direction(
    ALICE,
    BOB,
    "Social media",
    (
        _offer_reason("Social media", 3),
        f"{MENTEE}'s request has waited 2 weeks",
        "time zones 6 hours apart",
    ),
    goal="Plan a month of posts for our team page",
    frequency="weekly",
    duration="about_a_month",
)
TWO_WAY_BACK = intro_ui.Direction(
    BOB,
    ALICE,
    "Public speaking",
    (_offer_reason("Public speaking", 4), "time zones 6 hours apart"),
    goal="Give the all-hands talk without notes",
    frequency="every_two_weeks",
)
REVERSE = intro_ui.Direction(
    LINUS,
    MARGARET,
    "Data visualisation",
    (
        _offer_reason("Data visualisation", 4),
        "time zones 1 hour apart",
        f"reverse mentoring: {MENTOR} is at an earlier career stage",
    ),
    goal="Build the quarterly dashboard myself",
    duration="about_three_months",
)

UPCOMING = NextRound(
    period="2026-W49",
    at=datetime(2026, 11, 30, 9, 0, tzinfo=UTC),
    timezone="Europe/London",
    cadence=Cadence.WEEKLY,
    due_now=False,
    skipped=(),
)
HEALTH = ProgramHealth(
    participants=42,
    paused=3,
    waiting=Waiting(
        total=9, under_a_week=4, one_to_four_weeks=4, over_four_weeks=1, longest_days=33
    ),
    active_pairs=PairCounts(total=14, two_way=5, reverse=2),
    quarter_pairs=PairCounts(total=21, two_way=7, reverse=3),
    pairs_checked_in=12,
    pairs_met=9,
    gaps=(GapSkill("Kubernetes", 4, 0), GapSkill("Negotiation", 3, 1)),
    trend=(
        PeriodHealth(label="Nov 2", new_pairs=5, pairs_met=4, open_requests=6),
        PeriodHealth(label="Nov 9", new_pairs=4, pairs_met=3, open_requests=7),
        PeriodHealth(label="Nov 16", new_pairs=6, pairs_met=2, open_requests=9),
    ),
    goals=GoalsOverview(
        learners=19,
        goals=47,
        done=21,
        min_group=5,
        gains=(SkillGain("Public speaking", 6, 1.5), SkillGain("Python", 5, 1.2)),
    ),
)
# Alice learns public speaking from Bob; Bob learns social media from Alice.
LEARNERS = (
    LearnerGoalsView(
        direction="main",
        learner_slack_id="U0ALICE",
        learner_name="Alice",
        skill="Public speaking",
        goals=(
            GoalLine(101, "Give the five-minute update at all-hands", GoalStatus.MOVING),
            GoalLine(102, "Open a talk without notes", GoalStatus.DONE),
            GoalLine(103, "Handle questions from the floor", GoalStatus.NOT_STARTED),
        ),
        start_level=2,
    ),
    LearnerGoalsView(
        direction="back",
        learner_slack_id="U0BOB",
        learner_name="Bob",
        skill="Social media",
        goals=(GoalLine(104, "Plan a month of posts for the team page", GoalStatus.MOVING),),
        start_level=1,
    ),
)
PREVIEW = RoundPreview(
    upcoming=UPCOMING,
    fingerprint="sample",
    participants=42,
    open_requests=12,
    pairs=(
        PreviewPair(
            main=Direction("U0ALICE", "U0BOB", "Social media", TWO_WAY_MAIN.reasons),
            back=Direction("U0BOB", "U0ALICE", "Public speaking", TWO_WAY_BACK.reasons),
            score=26,
            two_way=True,
            reverse=False,
        ),
        PreviewPair(
            main=Direction("U0LINUS", "U0MARGARET", "Data visualisation", REVERSE.reasons),
            back=None,
            score=9,
            two_way=False,
            reverse=True,
        ),
    ),
    unserved=(
        PreviewUnserved("U0SAM", "Kubernetes", UnservedReason.NO_OFFER),
        PreviewUnserved("U0PRIYA", "Negotiation", UnservedReason.CAPACITY),
    ),
    optimal=True,
)
SETTINGS = ProgramSettings(
    weekday=0,
    at=time(9, 0),
    timezone="Europe/London",
    cadence=Cadence.WEEKLY,
    cooldown_weeks=26,
    max_tz_gap_hours=None,
    nudge_after=2,
    close_after=4,
    two_way_weight=3,
    announce_channel="C0MENTORING",
    announce_pairs=False,
)


def _dashboard(
    *,
    offers: Sequence[OfferItem],
    requests: Sequence[RequestItem],
    capacity: int = 1,
    pairings: Sequence[PairingItem] = (),
    circles: Sequence[CircleItem] = (),
) -> HomeDashboard:
    return HomeDashboard(
        profile=ProfileSummary(
            completed=True,
            career_stage="mid",
            open_to_reverse=True,
            listed_in_directory=True,
            mentor_capacity=capacity,
            wants_in_return=None,
            tz="Europe/Paris",
        ),
        pause=PauseState(paused=False, until=None),
        offers=offers,
        requests=requests,
        pairings=pairings,
        circles=circles,
    )


def _reply(group: str, title: str, reply: Reply) -> Surface:
    return Surface(group, title, "message", reply.to_kwargs())


def _view(group: str, title: str, view: Any) -> Surface:
    return Surface(group, title, "view", view.to_dict())


def _file(group: str, title: str, *, filename: str, name: str, comment: str, text: str) -> Surface:
    payload = {"filename": filename, "title": name, "initial_comment": comment, "content": text}
    return Surface(group, title, "file", payload)


def _meeting_time_surfaces(pair_id: int) -> list[Surface]:
    """Find a time for Alice (Paris) and Bob (New York), and a pair 12 hours apart."""
    alice = meeting_ui.Reader("U0ALICE", NAMES["U0ALICE"], "Europe/Paris")
    bob = meeting_ui.Reader("U0BOB", NAMES["U0BOB"], "America/New_York")
    paris, new_york = Person("Europe/Paris"), Person("America/New_York")
    proposal = propose_slots(paris, new_york, NOW)
    slot = proposal.slots[1]
    calendar = calendar_file(Pair(id=pair_id, team_id="T0GALLERY"), slot, NOW)
    far_learner = intro_ui.Person("U0LINUS", NAMES["U0LINUS"], "Europe/London")
    far_mentor = intro_ui.Person("U0MARGARET", NAMES["U0MARGARET"], "Pacific/Auckland")
    far = intro_ui.IntroContent(
        pair_id=14,
        main=intro_ui.Direction(
            mentor=far_mentor,
            mentee=far_learner,
            skill="Incident response",
            reasons=[_offer_reason("Incident response", 4)],
            goal="Run my first incident review",
        ),
        now=NOW,
        times=overlap_outlook(Person("Europe/London"), Person("Pacific/Auckland"), NOW),
    )
    group = "Alice and Bob (two-way)"
    return [
        _view(
            group,
            "Find a time (Alice's view)",
            meeting_ui.find_a_time_modal(
                pair_id, proposal, reader=alice, partner=bob, learner=alice, mentor=bob
            ),
        ),
        _reply(
            group,
            "A time picked: both in their own time",
            meeting_ui.meeting_picked_message(
                slot, picked_by="U0ALICE", readers=(alice, bob), moved=False
            ),
        ),
        _view(
            group,
            "Find a time: saved",
            done_view("First meeting", meeting_ui.meeting_picked_saved(slot, alice)),
        ),
        _view(
            group,
            "Find a time: Bob picked a moment before",
            done_view("First meeting", meeting_ui.meeting_picked_meanwhile(slot, alice)),
        ),
        _file(
            group,
            "First meeting as a calendar file (.ics)",
            filename=calendar.filename,
            name=calendar.title,
            comment=meeting_ui.CALENDAR_COMMENT,
            text=calendar.content,
        ),
        _reply(
            group,
            "Reminder an hour before",
            meeting_ui.meeting_reminder(mentions=("U0ALICE", "U0BOB"), at=slot),
        ),
        _reply(
            group,
            "Alice's nudge after five working days",
            meeting_ui.schedule_nudge(partner="U0BOB", pair_id=pair_id),
        ),
        _reply(
            "Linus and Margaret (London and Auckland)",
            "Intro when working hours barely overlap",
            intro_ui.intro_message(far),
        ),
        _view(
            "Linus and Margaret (London and Auckland)",
            "Find a time: only the compromise",
            meeting_ui.find_a_time_modal(
                14,
                propose_slots(Person("Europe/London"), Person("Pacific/Auckland"), NOW),
                reader=meeting_ui.Reader("U0LINUS", NAMES["U0LINUS"], "Europe/London"),
                partner=meeting_ui.Reader("U0MARGARET", NAMES["U0MARGARET"], "Pacific/Auckland"),
                learner=meeting_ui.Reader("U0LINUS", NAMES["U0LINUS"], "Europe/London"),
                mentor=meeting_ui.Reader("U0MARGARET", NAMES["U0MARGARET"], "Pacific/Auckland"),
            ),
        ),
    ]


def surfaces() -> list[Surface]:
    """Every surface, grouped by who sees it and when."""
    since = NOW - timedelta(weeks=2)
    alice_home = _dashboard(
        offers=[OfferItem(1, "Social media", 3)],
        requests=[
            RequestItem(2, "Public speaking", "matched", since, "Give the all-hands talk", "U0BOB")
        ],
        pairings=[
            PairingItem(
                12,
                "U0BOB",
                "Social media and Public speaking",
                True,
                "Alice plans a month of posts; Bob gives the all-hands talk",
                1,
                next_checkin=NOW + timedelta(days=7),
                first_meeting_at=NOW + timedelta(days=2, hours=5),
            )
        ],
    )
    margaret_home = HomeDashboard(
        profile=ProfileSummary(True, "senior", True, False, 0, None, "Europe/London"),
        pause=PauseState(paused=True, until=NOW + timedelta(weeks=2)),
        offers=[],
        pairings=[PairingItem(13, "U0LINUS", "Data visualisation", False, None, 2)],
        requests=[
            RequestItem(
                3, "Data visualisation", "matched", since, "Build the dashboard", "U0LINUS"
            ),
            RequestItem(4, "Negotiation", "open", since, ""),
        ],
    )
    pair_id, checkin_id = 12, 40
    two_way = intro_ui.IntroContent(
        pair_id=pair_id, main=TWO_WAY_MAIN, back=TWO_WAY_BACK, two_way=True, now=NOW
    )
    reverse = intro_ui.IntroContent(pair_id=13, main=REVERSE, reverse=True, now=NOW)
    agreed = expectations_ui.ExpectationsForm(
        objective="Alice plans a month of posts; Bob gives the all-hands talk",
        cadence="weekly",
        first_meeting_on=NOW.date() + timedelta(days=3),
        duration="about_a_month",
        success_measure="Posts scheduled, talk given",
        confidentiality_agreed=True,
    )
    mentions = ("U0ALICE", "U0BOB")
    both_skills = "Social media and Public speaking"
    found = [
        DirectoryEntry("U0ALICE", NAMES["U0ALICE"], 3, True, False, thanked_by=3),
        DirectoryEntry("U0PRIYA", NAMES["U0PRIYA"], 5, False, False),
    ]
    return [
        # Someone with nothing yet.
        _view("Sam (new)", "App Home, first visit", home_ui.home_view(None)),
        _reply("Sam (new)", "/mentor help", replies.help_reply()),
        _reply(
            "Sam (new)", "/mentor list, nothing yet", replies.records_reply(MemberRecords([], []))
        ),
        _reply(
            "Sam (new)",
            "An unknown command",
            replies.invalid_reply(Invalid("I don't know the command “dance”", "/mentor help")),
        ),
        _reply(
            "Sam (new)",
            "A near miss",
            replies.invalid_reply(
                Invalid("I don't know the command “ofer”", "/mentor offer excel")
            ),
        ),
        _view(
            "Sam (new)",
            "Offer modal",
            modals.offer_modal(
                OfferDraft(skills=[], level=None, capacity=1, in_return=None), modals.ModalContext()
            ),
        ),
        _view(
            "Sam (new)",
            "Request modal",
            modals.request_modal(
                RequestDraft(
                    None, SkillRef("kubernetes", "Kubernetes"), "", "weekly", "month", None, None
                ),
                modals.ModalContext(),
            ),
        ),
        _view(
            "Sam (new)",
            "Profile modal",
            modals.profile_modal(
                ProfileDraft(None, True, False, "America/Chicago", -21600), modals.ModalContext()
            ),
        ),
        _reply(
            "Sam (new)",
            "Offer saved",
            replies.offers_saved_reply([SavedOffer("Excel", 4, False), SavedOffer("SQL", 3, True)]),
        ),
        _reply(
            "Sam (new)",
            "Request saved",
            replies.requests_saved_reply([SavedRequest("Kubernetes", False)]),
        ),
        _reply(
            "Sam (new)",
            "Request form saved",
            replies.request_details_saved_reply(SavedRequestDetails("Kubernetes", True)),
        ),
        _reply("Sam (new)", "Profile saved", replies.profile_saved_reply()),
        _reply(
            "Sam (new)", "Removed a request", replies.removed_reply("request", "Kubernetes", True)
        ),
        _reply(
            "Sam (new)",
            "/mentor find, with people",
            replies.directory_reply(DirectoryResult("Social media", found, 3, False)),
        ),
        _reply(
            "Sam (new)",
            "/mentor find, nobody listed",
            replies.directory_reply(DirectoryResult("Kubernetes", [], 0, False)),
        ),
        _reply(
            "Sam (new)",
            "/mentor skills",
            replies.skills_overview_reply(
                SkillsOverview(
                    most_requested=[SkillCount("Kubernetes", 4), SkillCount("Negotiation", 1)],
                    most_offered=[SkillCount("Excel", 6), SkillCount("Social media", 2)],
                    requested_not_offered=[SkillCount("Kubernetes", 4)],
                )
            ),
        ),
        _reply(
            "Sam (new)",
            "No match this round",
            unmatched.unmatched_message(
                [
                    unmatched.UnmatchedSkill(
                        "Kubernetes", UnservedReason.NO_OFFER, "Nobody offers Kubernetes yet.", 1, 4
                    )
                ]
            ),
        ),
        _reply(
            "Sam (new)",
            "No match, every reason",
            unmatched.unmatched_message(
                [
                    unmatched.UnmatchedSkill(
                        label,
                        reason,
                        unserved_text(reason, label),
                        2,
                        3,
                        cooldown_weeks=26,
                        max_tz_gap_hours=6,
                    )
                    for label, reason in (
                        ("Negotiation", UnservedReason.CAPACITY),
                        ("Rust", UnservedReason.TIMEZONE),
                        ("Excel", UnservedReason.COOLDOWN),
                        ("Design", UnservedReason.BLOCKED),
                        ("Go", UnservedReason.PAUSED),
                    )
                ]
            ),
        ),
        _reply(
            "Sam (new)",
            "Away: skipped this round",
            away_ui.away_skipped_message(
                until=datetime(2026, 12, 11, 23, 59, tzinfo=UTC),
                until_known=True,
                tz="Europe/London",
                now=NOW,
            ),
        ),
        _reply(
            "Sam (new)",
            "Away, status without an end date",
            away_ui.away_skipped_message(
                until=NOW + timedelta(weeks=1), until_known=False, tz="Europe/London", now=NOW
            ),
        ),
        _view(
            "Sam (new)",
            "App Home while away",
            home_ui.home_view(
                replace(
                    _dashboard(offers=[], requests=[RequestItem(8, "Excel", "open", NOW, "")]),
                    away=AwayState(
                        until=datetime(2026, 12, 11, 23, 59, tzinfo=UTC),
                        until_known=True,
                        as_of=NOW,
                    ),
                )
            ),
        ),
        _reply(
            "Sam (new)",
            "Paused for two weeks",
            replies.paused_reply(PauseState(True, NOW + timedelta(weeks=2))),
        ),
        _reply("Sam (new)", "Resumed", replies.resumed_reply(True)),
        _reply("Sam (new)", "Something went wrong", replies.error_reply()),
        _reply("Sam (new)", "The form didn't open", replies.modal_failed_reply()),
        # The two-way pair.
        _view("Alice and Bob (two-way)", "Alice's App Home", home_ui.home_view(alice_home)),
        _reply(
            "Alice and Bob (two-way)", "Intro in their group DM", intro_ui.intro_message(two_way)
        ),
        _reply(
            "Alice and Bob (two-way)",
            "/mentor list",
            replies.records_reply(
                MemberRecords(
                    [OfferView("social-media", "Social media", 3)],
                    [RequestView("public-speaking", "Public speaking", "matched")],
                )
            ),
        ),
        _view(
            "Alice and Bob (two-way)",
            "Set expectations (first time)",
            expectations_ui.expectations_modal(pair_id, "U0BOB", None),
        ),
        _view(
            "Alice and Bob (two-way)",
            "Set expectations with goals",
            expectations_ui.expectations_modal(pair_id, "U0BOB", agreed, learners=LEARNERS),
        ),
        _reply("Alice and Bob (two-way)", "Goal board", goals_ui.goal_board(LEARNERS)),
        _reply(
            "Alice and Bob (two-way)",
            "Check-in asking about goals",
            checkin_ui.checkin_message(
                checkin_id=checkin_id,
                mentions=mentions,
                skill=both_skills,
                prompt=checkin_ui.discussion_prompts()[1],
                goal_blocks=goals_ui.goal_status_blocks(LEARNERS),
            ),
        ),
        _reply(
            "Alice and Bob (two-way)",
            "Goal status saved",
            goals_ui.goal_status_saved(
                "Give the five-minute update at all-hands", GoalStatus.MOVING, changed=True
            ),
        ),
        _reply(
            "Alice and Bob (two-way)",
            "Expectations summary",
            expectations_ui.expectations_summary(
                agreed, saved_by="U0ALICE", saved_by_name=NAMES["U0ALICE"], edited=False
            ),
        ),
        _view(
            "Alice and Bob (two-way)",
            "When is the first meeting?",
            first_meeting_ui.first_meeting_modal(pair_id, "U0BOB", None),
        ),
        *_meeting_time_surfaces(pair_id),
        _reply(
            "Alice and Bob (two-way)",
            "First meeting on the calendar",
            first_meeting_ui.first_meeting_message(
                set_by="U0BOB", partner="U0ALICE", at=NOW + timedelta(days=3, hours=6), moved=False
            ),
        ),
        _view(
            "Alice and Bob (two-way)",
            "Not a good fit",
            expectations_ui.not_a_fit_modal(pair_id, "U0BOB"),
        ),
        _reply(
            "Alice and Bob (two-way)",
            "Check-in with a prompt",
            checkin_ui.checkin_message(
                checkin_id=checkin_id,
                mentions=mentions,
                skill=both_skills,
                prompt=checkin_ui.discussion_prompts()[0],
            ),
        ),
        *[
            _reply(
                "Alice and Bob (two-way)",
                f"Answer: {answer.value}",
                checkin_ui.answer_reply(answer, changed=True),
            )
            for answer in (Answer.MET, Answer.NOT_YET)
        ],
        _view("Alice and Bob (two-way)", "Private note", checkin_ui.note_modal(checkin_id, None)),
        _view("Alice and Bob (two-way)", "Need help", help_ui.help_modal(checkin_id, "U0BOB")),
        _reply(
            "Alice and Bob (two-way)",
            "Need help sent",
            checkin_ui.refusal(help_ui.help_sent_words(changed=True)),
        ),
        _reply("Alice and Bob (two-way)", "Note saved", checkin_ui.note_saved_reply()),
        *[
            _reply(
                "Alice and Bob (two-way)",
                f"Check-in with a nudge, {case}",
                checkin_ui.checkin_message(
                    checkin_id=checkin_id,
                    mentions=mentions,
                    skill=both_skills,
                    prompt=None,
                    nudge=checkin_ui.nudge_text(weeks=2, met_before=met, scheduled=planned),
                ),
            )
            for case, met, planned in (
                ("never met", False, False),
                ("first meeting planned", False, True),
                ("met before", True, False),
            )
        ],
        _reply(
            "Alice and Bob (two-way)",
            "Planned end reached",
            endings_ui.ending_prompt(pair_id=pair_id, cycle=1, partner="U0BOB", skill=both_skills),
        ),
        _reply(
            "Alice and Bob (two-way)",
            "Two weeks in: good fit?",
            fit_ui.fit_question(pair_id=pair_id, partner="U0BOB"),
        ),
        _reply("Alice and Bob (two-way)", "Fit answer noted", fit_ui.fit_noted("good_fit")),
        _reply(
            "Alice and Bob (two-way)",
            "Pair again?",
            fit_ui.pair_again_question(pair_id=pair_id, partner="U0BOB"),
        ),
        _view("Alice and Bob (two-way)", "Send thanks", fit_ui.send_thanks_modal(pair_id, "U0BOB")),
        _reply(
            "Alice and Bob (two-way)",
            "Thanks DM",
            thanks_ui.thanks_dm(
                sender="U0ALICE", words="Patient public speaking practice", skill="Public speaking"
            ),
        ),
        _reply(
            "Alice and Bob (two-way)",
            "/mentor thanks, sent",
            thanks_ui.thanks_sent_reply(
                recipient="U0BOB", endorsed="Social media", public="not_allowed", channel=None
            ),
        ),
        _reply(
            "Alice and Bob (two-way)",
            "Public thanks in a channel",
            thanks_ui.public_thanks(
                sender="U0ALICE", recipient="U0BOB", words="The social media plan, start to end"
            ),
        ),
        _reply(
            "Alice and Bob (two-way)",
            "/mentor thanks, refused",
            thanks_ui.thanks_refused_reply("unknown", recipient="U0PRIYA"),
        ),
        _view(
            "Alice and Bob (two-way)",
            "How did it go?",
            endings_ui.feedback_modal(
                pair_id=pair_id,
                cycle=1,
                partner_id="U0BOB",
                ending_now=False,
                stretch="another month or so",
            ),
        ),
        _view(
            "Alice and Bob (two-way)",
            "End pairing",
            endings_ui.feedback_modal(
                pair_id=pair_id, cycle=1, partner_id="U0BOB", ending_now=True
            ),
        ),
        _view(
            "Alice and Bob (two-way)",
            "End pairing, with the learner's level",
            endings_ui.feedback_modal(
                pair_id=pair_id,
                cycle=1,
                partner_id="U0BOB",
                ending_now=True,
                learning="Public speaking",
            ),
        ),
        _reply(
            "Alice and Bob (two-way)",
            "Ended, with level changes",
            Reply(
                text="This pairing has ended. Thank you both.",
                blocks=(
                    *checkin_ui.ended_message(mentions=mentions, rematch=False).blocks,
                    *goals_ui.level_changes(
                        [
                            ("U0ALICE", LevelChange("Public speaking", 2, 4)),
                            ("U0BOB", LevelChange("Social media", 1, 2)),
                        ]
                    ),
                ),
            ),
        ),
        _reply(
            "Alice and Bob (two-way)",
            "Invitation to offer a learned skill",
            goals_ui.offer_invitation(pair_id=pair_id, skill="Public speaking", level=4),
        ),
        *[
            _reply(
                "Alice and Bob (two-way)",
                f"Thanks after “{decision.value}”",
                endings_ui.feedback_thanks(decision, extended=True),
            )
            for decision in Decision
        ],
        _reply(
            "Alice and Bob (two-way)",
            "Continues",
            endings_ui.extended_message(
                mentions=mentions, stretch="another month or so", until=NOW + timedelta(weeks=8)
            ),
        ),
        _reply(
            "Alice and Bob (two-way)",
            "Ended",
            checkin_ui.ended_message(mentions=mentions, rematch=True),
        ),
        _reply(
            "Alice and Bob (two-way)",
            "Closed after silence",
            checkin_ui.closed_message(mentions=mentions),
        ),
        # The reverse pair.
        _reply(
            "Linus and Margaret (reverse)",
            "Intro in their group DM",
            intro_ui.intro_message(reverse),
        ),
        _view(
            "Linus and Margaret (reverse)",
            "Margaret's App Home (paused)",
            home_ui.home_view(margaret_home),
        ),
        _reply(
            "Linus and Margaret (reverse)",
            "Partner left",
            leaving.partner_left_notice(
                skill="Data visualisation", started_at=since, reopened=["Data visualisation"]
            ),
        ),
        _reply(
            "Linus and Margaret (reverse)",
            "/mentor forget-me",
            leaving.forget_confirmation(
                leaving.KeptAboutYou(
                    offers=1,
                    requests=1,
                    active_pairs=1,
                    notes=2,
                    profile=True,
                    goals=3,
                    level_ratings=1,
                    log_entries=4,
                    action_items=2,
                    thanks=2,
                    fit_answers=2,
                    meeting_times=1,
                )
            ),
        ),
        _reply("Linus and Margaret (reverse)", "Forgotten", leaving.forgotten(pairs_ended=1)),
        _reply("Linus and Margaret (reverse)", "Nothing to forget", leaving.nothing_to_forget()),
        # The program admin.
        _view(
            "Priya (admin)",
            "App Home with the admin section",
            home_ui.home_view(
                _dashboard(offers=[OfferItem(5, "Negotiation", 5)], requests=[], capacity=2),
                admin_section=admin_home.admin_home_blocks(HEALTH, UPCOMING),
            ),
        ),
        _view(
            "Priya (admin)",
            "App Home of a new workspace: setup before the first round",
            home_ui.home_view(
                _dashboard(offers=[OfferItem(5, "Negotiation", 5)], requests=[], capacity=2),
                admin_section=admin_home.admin_home_blocks(HEALTH, waiting_for_setup(UPCOMING)),
            ),
        ),
        _view(
            "Priya (admin)",
            "App Home with a round waiting for approval",
            home_ui.home_view(
                _dashboard(offers=[OfferItem(5, "Negotiation", 5)], requests=[], capacity=2),
                admin_section=admin_home.admin_home_blocks(HEALTH, awaiting_approval(UPCOMING)),
            ),
        ),
        _view(
            "Priya (admin)",
            "App Home with a program's round waiting for approval",
            home_ui.home_view(
                _dashboard(offers=[OfferItem(5, "Negotiation", 5)], requests=[], capacity=2),
                admin_section=admin_home.admin_home_blocks(
                    HEALTH, UPCOMING, program_rounds=[PROGRAM_DRAFT]
                ),
            ),
        ),
        *[_reply("Priya (admin)", title, message) for title, message in approval_messages()],
        *[
            _view("Priya (admin)", title, notice_view("Send the round", words))
            for title, words in send_answers()
        ],
        _reply("Priya (admin)", "/mentor admin stats", admin_home.stats_reply(HEALTH, UPCOMING)),
        _reply(
            "Priya (admin)",
            "/mentor admin stats, some people away",
            admin_home.stats_reply(replace(HEALTH, away=4), UPCOMING),
        ),
        _reply("Priya (admin)", "/mentor admin help", admin_replies.admin_help()),
        _view("Priya (admin)", "Round preview", admin_preview.preview_modal(PREVIEW)),
        *[_view("Priya (admin)", title, view) for title, view in shaping_views(PREVIEW)],
        _reply(
            "Priya (admin)",
            "/mentor admin stats, with admin changes",
            admin_home.stats_reply(
                HEALTH, UPCOMING, {"swap": 1, "drop": 2, "resolve": 2, "send": 3}
            ),
        ),
        _view(
            "Priya (admin)",
            "Preview after a change",
            admin_preview.run_result_view(Changed(PREVIEW)),
        ),
        _view(
            "Priya (admin)",
            "Run now? (asked over the preview)",
            admin_preview.confirm_run_view(admin_preview.preview_metadata(PREVIEW, 0)),
        ),
        _view("Priya (admin)", "Running", admin_preview.running_view(PREVIEW.period)),
        *[
            _view(
                "Priya (admin)",
                f"Run result: {type(result).__name__}",
                admin_preview.run_result_view(result),
            )
            for result in (
                Ran(RoundOutcome(period="2026-W49", pairs=2, unmatched_people=1, summary={})),
                Skipped("2026-W49"),
                AlreadyRan("2026-W49"),
            )
        ],
        _view(
            "Priya (admin)",
            "Settings",
            admin_settings.settings_modal(SETTINGS, UPCOMING, now=NOW),
        ),
        _reply(
            "Priya (admin)",
            "Channel announcement",
            admin_announcement.announcement_message(pairs=2, two_way=1, reverse=1, still_waiting=1),
        ),
        _reply(
            "Priya (admin)",
            "Channel announcement naming pairs",
            admin_announcement.announcement_message(
                pairs=1,
                two_way=0,
                reverse=1,
                still_waiting=0,
                named=[("U0LINUS", "U0MARGARET", "Data visualisation")],
            ),
        ),
        _reply(
            "Priya (admin)",
            "Need help DM",
            help_ui.help_request_message(
                request_id=31,
                asker="U0ALICE",
                partner="U0BOB",
                skill=both_skills,
                said="We keep moving our meetings & I'd like ideas for <short> sessions.",
            ),
        ),
        _reply(
            "Priya (admin)",
            "Need help DM, nothing more said",
            help_ui.help_request_message(
                request_id=32,
                asker="U0MARGARET",
                partner="U0LINUS",
                skill="Data visualisation",
                said="",
            ),
        ),
        _view(
            "Priya (admin)",
            "The pairing, opened from a help request",
            help_ui.pairing_view(
                help_ui.PairingFacts(
                    mentor="U0ALICE",
                    mentee="U0BOB",
                    skills=both_skills,
                    two_way=True,
                    asker="U0ALICE",
                    active=True,
                    started_at=NOW - timedelta(weeks=3),
                    ends_at=NOW + timedelta(weeks=9),
                    checkin_weeks=2,
                    first_meeting_at=NOW - timedelta(weeks=2),
                    checkins_sent=2,
                    checkins_met=1,
                    next_checkin_at=NOW + timedelta(weeks=1),
                )
            ),
        ),
        _reply(
            "Priya (admin)",
            "I'll reach out, answered",
            help_ui.help_taken_answer(asker="U0ALICE", taken_by="U0PRIYA", by_you=True, when=NOW),
        ),
        _reply(
            "Priya (admin)", "End pairing and rematch, answered", help_ui.ended_answer(ended=True)
        ),
        _reply(
            "Alice and Bob (two-way)",
            "An admin will reach out",
            help_ui.help_taken_message(admin="U0PRIYA"),
        ),
        _reply(
            "Alice and Bob (two-way)",
            "Ended by an admin",
            help_ui.admin_ended_message(mentions=mentions),
        ),
        _reply("Priya (admin)", "Admin added", admin_replies.admin_added("U0SAM", True)),
        _reply("Priya (admin)", "Admin list", admin_replies.admin_list(["U0PRIYA", "U0SAM"])),
        _reply("Priya (admin)", "Chart on its way", admin_replies.on_its_way("The chart")),
        _reply("Sam (new)", "Admin command refused", admin_replies.refusal()),
        *_learning_log(pair_id, checkin_id, mentions, both_skills),
        *_program_surfaces(),
        *_circle_surfaces(),
    ]


def _learning_log(
    pair_id: int, checkin_id: int, mentions: tuple[str, str], skills: str
) -> list[Surface]:
    """The pair's learning log: the modal, the entry in their thread, the check-in that
    brings up open action items, and `/mentor log` with its export."""
    group = "Alice and Bob (two-way)"
    action = "Bob drafts the first three posts for Thursday"
    items = [ActionItem(entry_id=7, text=action, owner="U0BOB")]
    learned = (
        LearnedLine(NAMES["U0ALICE"], "U0ALICE", "Open with the one number people remember"),
        LearnedLine(NAMES["U0BOB"], "U0BOB", "Schedule posts for when the team is online"),
    )
    logged = [
        LoggedSession(
            entry_id=8 - n,
            logged_at=NOW - timedelta(weeks=n),
            skills=skills,
            partner_name=NAMES["U0BOB"],
            partner_id="U0BOB",
            covered=covered,
            learned=learned if n == 0 else learned[1:],
            action_item=action if n == 0 else None,
            action_owner_name=NAMES["U0BOB"] if n == 0 else None,
            action_owner_id="U0BOB" if n == 0 else None,
            action_done=False,
        )
        for n, covered in enumerate(
            ("A content calendar for the month, and the talk's opening", "Rehearsed the talk")
        )
    ]
    return [
        _view(
            group,
            "Log a session",
            log_ui.log_session_modal(
                pair_id=pair_id, mentor_name=NAMES["U0ALICE"], mentee_name=NAMES["U0BOB"]
            ),
        ),
        _reply(
            group,
            "Session logged, in the intro's thread",
            log_ui.entry_message(
                author="U0ALICE",
                covered=logged[0].covered,
                learned=[(line.user_id, line.learned) for line in learned],
                action_item=action,
                action_owner="U0BOB",
            ),
        ),
        _reply(
            group,
            "Check-in with open action items",
            checkin_ui.checkin_message(
                checkin_id=checkin_id,
                mentions=mentions,
                skill=skills,
                prompt=None,
                pair_id=pair_id,
                open_items=items,
            ),
        ),
        _reply(
            group,
            "Action item done",
            log_ui.action_done_message(done_by="U0BOB", action_item=action),
        ),
        _reply(group, "Action item marked done", log_ui.action_done_reply(changed=True)),
        _reply(group, "/mentor log", log_ui.log_list_reply(logged)),
        _reply(group, "/mentor log, empty", log_ui.log_list_reply([])),
        _reply(group, "/mentor log export", log_ui.export_sent_reply(len(logged))),
        _file(
            group,
            "/mentor log export: the Markdown file",
            filename=EXPORT_FILENAME,
            name=log_ui.EXPORT_TITLE,
            comment=log_ui.EXPORT_COMMENT,
            text=log_ui.log_markdown(logged),
        ),
    ]


def _program_surfaces() -> list[Surface]:
    """Programs: the admin's form and report, and what invited people see."""
    card = ProgramCard(
        program_id=3,
        name="Leaders learn AI",
        starts_on=NOW.date(),
        ends_on=NOW.date() + timedelta(weeks=12),
        cadence="every_two_weeks",
        focus=("AI tools", "TikTok"),
        status="invited",
    )
    joined = replace(card, status="learner")
    report = ProgramReport(
        program_id=3,
        name="Leaders learn AI",
        starts_on=card.starts_on,
        ends_on=card.ends_on,
        invited=40,
        learners=9,
        teachers=11,
        declined=6,
        pairs=9,
        pairs_met=7,
        rounds=6,
        goals=GoalsOverview(
            learners=9,
            goals=24,
            done=14,
            min_group=5,
            gains=(SkillGain("AI tools", 7, 1.6), SkillGain("TikTok", 5, 2.2)),
        ),
    )
    few = replace(report, goals=GoalsOverview(learners=3, goals=7, done=None, min_group=5))
    group = "Programs"
    return [
        _view(group, "New program (admin)", programs_ui.program_modal(NOW.date())),
        _view(
            group,
            "New program, open to a user group (admin)",
            programs_ui.program_modal(
                NOW.date(),
                UserGroupChoice(
                    groups=(
                        UserGroup("S0LEADS", "Leadership team", "leads"),
                        UserGroup("S0NEW", "New joiners 2026", "new-joiners"),
                    )
                ),
            ),
        ),
        _view(
            group,
            "New program, user groups not readable (admin)",
            programs_ui.program_modal(NOW.date(), UserGroupChoice(problem=GROUPS_MISSING_SCOPE)),
        ),
        _view(
            group,
            "New program created (admin)",
            notice_view("New program", programs_ui.created_text(card.name, 40, card.starts_on)),
        ),
        _reply(group, "Invitation", programs_ui.invitation_message(card)),
        _reply(
            group,
            "Invitation, teachers only",
            programs_ui.invitation_message(replace(card, may_learn=False)),
        ),
        _reply(group, "Reminder, once", programs_ui.invitation_message(card, reminder=True)),
        _reply(group, "Joined as learner", programs_ui.answered_message(joined, has_skills=False)),
        _reply(
            group,
            "Joined as teacher",
            programs_ui.answered_message(replace(card, status="teacher"), has_skills=True),
        ),
        _reply(
            group,
            "Not now",
            programs_ui.answered_message(replace(card, status="declined"), has_skills=False),
        ),
        _reply(group, "Invitation no longer open", programs_ui.closed_invitation()),
        _view(
            group,
            "App Home with programs",
            home_ui.home_view(None, admin_section=programs_ui.home_section([card, joined])),
        ),
        _reply(group, "Program report (admins)", programs_ui.report_message(report)),
        _reply(
            group,
            "Program report, too few learners for goal figures",
            programs_ui.report_message(few),
        ),
        _reply(
            group,
            "/mentor admin stats for one program",
            programs_ui.program_stats_reply(report, today=NOW.date()),
        ),
        _reply(
            group,
            "Unknown program (admins)",
            programs_ui.unknown_program("Leaders", ["Leaders learn AI", "Sales learns Python"]),
        ),
    ]


def _circle_surfaces() -> list[Surface]:
    """A mentor's circle and a peer circle: their intros, Home, the preview and the modals."""
    group = "Circles"
    learners = [
        CirclePerson("U0SAM", NAMES["U0SAM"], "Write my first <Dockerfile>"),
        CirclePerson("U0DANA", NAMES["U0DANA"], "Debug a failing deploy"),
        CirclePerson("U0EMIL", NAMES["U0EMIL"], None),
    ]
    led = CircleContent(
        circle_id=3,
        skill="Kubernetes",
        mentor=CirclePerson("U0PRIYA", NAMES["U0PRIYA"]),
        learners=learners,
        duration="about_three_months",
    )
    peers = CircleContent(
        circle_id=4,
        skill="Negotiation",
        mentor=None,
        learners=[
            CirclePerson("U0FARAH", NAMES["U0FARAH"], "Ask for a budget"),
            CirclePerson("U0MARGARET", NAMES["U0MARGARET"], "Agree a contract"),
            CirclePerson("U0LINUS", NAMES["U0LINUS"], "Say no kindly"),
        ],
        duration=None,
    )
    priya_home = _dashboard(
        offers=[OfferItem(5, "Kubernetes", 5, circle_size=5)],
        requests=[],
        circles=[CircleItem(3, "Kubernetes", True, "U0PRIYA", ("U0SAM", "U0DANA", "U0EMIL"))],
    )
    sam_home = _dashboard(
        offers=[],
        requests=[
            RequestItem(6, "Kubernetes", "matched", NOW, "Write my first Dockerfile"),
        ],
        circles=[CircleItem(3, "Kubernetes", False, "U0PRIYA", ("U0DANA", "U0EMIL"))],
    )
    farah_home = _dashboard(
        offers=[],
        requests=[RequestItem(7, "Negotiation", "matched", NOW, "Ask for a budget")],
        circles=[CircleItem(4, "Negotiation", False, None, ("U0MARGARET", "U0LINUS"))],
    )
    preview = RoundPreview(
        upcoming=UPCOMING,
        fingerprint="sample",
        participants=9,
        open_requests=7,
        pairs=PREVIEW.pairs[1:],
        unserved=(),
        optimal=True,
        circles=(
            PreviewCircle("U0PRIYA", ("U0SAM", "U0DANA", "U0EMIL"), "Kubernetes"),
            PreviewCircle(None, ("U0FARAH", "U0MARGARET", "U0LINUS"), "Negotiation"),
        ),
    )
    return [
        _reply(group, "Circle intro in its group DM", circles_ui.circle_intro_message(led)),
        _reply(group, "Peer circle intro in its group DM", circles_ui.circle_intro_message(peers)),
        _view(group, "Priya's App Home (leads a circle)", home_ui.home_view(priya_home)),
        _view(group, "Sam's App Home (in a circle)", home_ui.home_view(sam_home)),
        _view(group, "Farah's App Home (in a peer circle)", home_ui.home_view(farah_home)),
        _view(group, "Round preview with circles", admin_preview.preview_modal(preview)),
        _reply(
            group,
            "/mentor admin stats with circles",
            admin_home.stats_reply(replace(HEALTH, active_circles=2, circle_learners=6), UPCOMING),
        ),
        _reply(group, "Circle check-in", circles_ui.circle_checkin_message(led, checkin_id=41)),
        _reply(
            group,
            "Circle check-in with a nudge",
            circles_ui.circle_checkin_message(
                led, checkin_id=42, nudge=circles_ui.circle_nudge_text(weeks=2, met_before=False)
            ),
        ),
        _reply(group, "Circle closed after quiet weeks", circles_ui.circle_closed_message(led)),
        _view(
            group,
            "Private note on a circle check-in",
            checkin_ui.note_modal(41, None, circle=True),
        ),
        _view(group, "Need help on a circle check-in", help_ui.circle_help_modal(41)),
        _reply(
            group,
            "An admin's DM: someone in a circle asked for help",
            help_ui.circle_help_request_message(
                request_id=7,
                asker="U0SAM",
                others=("U0PRIYA", "U0FARAH"),
                skill="Kubernetes",
                said="We can't find a time that suits all of us.",
            ),
        ),
        _reply(group, "Circle at its planned end", circles_ui.circle_ended_message(led)),
        _view(
            group,
            "Feedback form at a circle's end",
            circles_ui.circle_feedback_modal(led.circle_id, led.skill),
        ),
        _view(
            group,
            "Offer modal with a circle",
            modals.offer_modal(
                OfferDraft([SkillRef("kubernetes", "Kubernetes")], 5, 1, None, circle_size=5),
                modals.ModalContext(),
            ),
        ),
        _view(
            group,
            "Profile modal, open to circles",
            modals.profile_modal(
                ProfileDraft("mid", True, False, "Europe/Berlin", 3600, open_to_circle=True),
                modals.ModalContext(),
            ),
        ),
        _view(
            group,
            "Round ran, with circles",
            admin_preview.run_result_view(
                Ran(RoundOutcome("2026-W48", pairs=1, unmatched_people=0, summary={}, circles=2))
            ),
        ),
    ]


# ------------------------------------------------------------------------------ rendering

EMOJI = {
    "wave": "👋", "seedling": "🌱", "raised_hands": "🙌", "thinking_face": "🤔",
    "warning": "⚠️", "handshake": "🤝", "calendar": "📅", "arrows_counterclockwise": "🔄",
    "hourglass_flowing_sand": "⏳", "hourglass": "⌛", "white_check_mark": "✅",
    "fast_forward": "⏩", "arrow_forward": "▶️", "tada": "🎉", "pray": "🙏", "repeat": "🔁",
    "sparkles": "✨", "leaves": "🍃", "raising_hand": "🙋", "lock": "🔒",
    "checkered_flag": "🏁", "speech_balloon": "💬", "outbox_tray": "📤",
    "double_vertical_bar": "⏸️", "bulb": "💡", "large_green_circle": "🟢", "wastebasket": "🗑️",
    "notebook": "📓", "pushpin": "📌", "inbox_tray": "📥", "bar_chart": "📊",
}  # fmt: skip
_CONTROL = re.compile(r"<([^<>]*)>")


def _control(inner: str) -> str:
    """Slack's `<…>` sequences as the reader sees them; anything else is flagged."""
    if inner.startswith("@"):
        user = inner[1:].split("|")[0]
        return f'<span class="mention">@{html.escape(NAMES.get(user, user))}</span>'
    if inner.startswith("#"):
        label = inner.split("|")[1] if "|" in inner else inner[1:]
        return f'<span class="mention">#{html.escape(label)}</span>'
    if inner.startswith("!date^"):
        return html.escape(inner.split("|", 1)[1] if "|" in inner else inner)
    if inner.startswith(("http://", "https://", "mailto:")):
        url, _, label = inner.partition("|")
        return f'<a href="{html.escape(url)}">{html.escape(label or url)}</a>'
    broken = "Slack shows this as a broken link"
    return f'<span class="broken" title="{broken}">&lt;{html.escape(inner)}&gt;</span>'


def _inline(text: str) -> str:
    """mrkdwn that is already Slack-escaped (&amp; &lt; &gt;) to HTML."""
    pieces = []
    last = 0
    for match in _CONTROL.finditer(text):
        pieces.append(_plain(text[last : match.start()]))
        pieces.append(_control(match.group(1)))
        last = match.end()
    pieces.append(_plain(text[last:]))
    out = "".join(pieces)
    out = re.sub(r"`([^`\n]+)`", r"<code>\1</code>", out)
    out = re.sub(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])", r"<b>\1</b>", out)
    out = re.sub(r"(?<![\w_])_([^_\n]+)_(?![\w_])", r"<i>\1</i>", out)
    out = re.sub(r"(?<![\w~])~([^~\n]+)~(?![\w~])", r"<s>\1</s>", out)
    out = re.sub(r":([a-z_]+):", lambda m: EMOJI.get(m.group(1), m.group(0)), out)
    return out


def _plain(text: str) -> str:
    # Slack text keeps its own entities; only a bare "&" or quote needs escaping for HTML.
    return re.sub(r"&(?!amp;|lt;|gt;)", "&amp;", text).replace('"', "&quot;")


def mrkdwn_html(text: str) -> str:
    parts = text.split("```")
    out = []
    for index, part in enumerate(parts):
        if index % 2:
            out.append(f"<pre>{_plain(part.strip(chr(10)))}</pre>")
        else:
            out.append(_inline(part).replace("\n", "<br>"))
    return "".join(out)


def text_html(obj: Mapping[str, Any] | str | None) -> str:
    if obj is None:
        return ""
    if isinstance(obj, str):
        return html.escape(obj)
    if obj.get("type") == "mrkdwn":
        return mrkdwn_html(obj.get("text", ""))
    return html.escape(obj.get("text", ""))


def _element(element: Mapping[str, Any]) -> str:
    kind = element.get("type")
    if kind == "button":
        style = element.get("style") or "default"
        confirm = ' title="asks to confirm first"' if element.get("confirm") else ""
        mark = " ⚠︎" if element.get("confirm") else ""
        return f'<span class="button {style}"{confirm}>{text_html(element["text"])}{mark}</span>'
    if kind == "overflow":
        options = ", ".join(text_html(o["text"]) for o in element.get("options", []))
        return f'<span class="button default" title="{html.escape(options)}">⋯</span>'
    if kind in ("mrkdwn", "plain_text"):
        return text_html(element)
    if kind == "image":
        return f'<span class="image">[{html.escape(element.get("alt_text", "image"))}]</span>'
    shown = (
        element.get("initial_value") or element.get("initial_date") or element.get("initial_time")
    )
    if element.get("initial_date_time"):
        moment = datetime.fromtimestamp(element["initial_date_time"], tz=UTC)
        shown = f"{moment:%d %B %Y %H:%M} UTC"
    if element.get("initial_option"):
        shown = element["initial_option"]["text"]["text"]
    if element.get("initial_options"):
        shown = ", ".join(o["text"]["text"] for o in element["initial_options"])
    if kind in ("checkboxes", "radio_buttons"):
        chosen = {o["value"] for o in element.get("initial_options", [])}
        if element.get("initial_option"):
            chosen.add(element["initial_option"]["value"])
        box = "☑" if kind == "checkboxes" else "◉"
        empty = "☐" if kind == "checkboxes" else "○"
        return "<br>".join(
            f"{box if o['value'] in chosen else empty} {text_html(o['text'])}"
            + (
                f'<div class="hint">{text_html(o["description"])}</div>'
                if o.get("description")
                else ""
            )
            for o in element.get("options", [])
        )
    placeholder = text_html(element.get("placeholder")) if element.get("placeholder") else ""
    value = html.escape(str(shown)) if shown else f'<span class="placeholder">{placeholder}</span>'
    return f'<div class="field {kind}">{value}</div>'


def block_html(block: Mapping[str, Any]) -> str:
    kind = block.get("type")
    if kind == "header":
        return f'<div class="header">{text_html(block["text"])}</div>'
    if kind == "divider":
        return "<hr>"
    if kind == "context":
        inner = " ".join(_element(e) for e in block.get("elements", []))
        return f'<div class="context">{inner}</div>'
    if kind == "actions":
        inner = " ".join(_element(e) for e in block.get("elements", []))
        return f'<div class="actions">{inner}</div>'
    if kind == "section":
        body = text_html(block.get("text"))
        fields = "".join(f"<div>{text_html(f)}</div>" for f in block.get("fields", []))
        if fields:
            body += f'<div class="fields">{fields}</div>'
        accessory = block.get("accessory")
        side = f'<div class="accessory">{_element(accessory)}</div>' if accessory else ""
        return f'<div class="section"><div class="body">{body}</div>{side}</div>'
    if kind == "input":
        optional = ' <span class="optional">(optional)</span>' if block.get("optional") else ""
        hint = f'<div class="hint">{text_html(block["hint"])}</div>' if block.get("hint") else ""
        return (
            f'<div class="input"><label>{text_html(block["label"])}{optional}</label>'
            f"{_element(block['element'])}{hint}</div>"
        )
    return f'<div class="unknown">[{html.escape(str(kind))} block]</div>'


def surface_html(surface: Surface) -> str:
    payload = surface.payload
    blocks = "".join(block_html(b) for b in payload.get("blocks") or [])
    count = len(payload.get("blocks") or [])
    if surface.kind == "file":
        comment = mrkdwn_html(payload.get("initial_comment", ""))
        name = html.escape(f"{payload['title']} ({payload['filename']})")
        shown = html.escape(payload["content"])
        return (
            f'<div class="message"><div class="bot">mentorbot</div><div>{comment}</div>'
            f'<div class="file"><b>📄 {name}</b><pre>{shown}</pre></div></div>'
            '<div class="meta">file</div>'
        )
    if surface.kind == "message":
        note = f'<div class="notification">🔔 {mrkdwn_html(payload.get("text", ""))}</div>'
        frame = f'<div class="message"><div class="bot">mentorbot</div>{blocks}</div>'
        return f'{note}{frame}<div class="meta">{count} blocks</div>'
    head = ""
    if payload.get("type") == "modal":
        head = f'<div class="modal-title">{text_html(payload.get("title"))}</div>'
        foot_parts = [
            f'<span class="button default">{text_html(payload["close"])}</span>'
            if payload.get("close")
            else "",
            f'<span class="button primary">{text_html(payload["submit"])}</span>'
            if payload.get("submit")
            else "",
        ]
        foot = f'<div class="modal-foot">{"".join(foot_parts)}</div>'
    else:
        foot = ""
    kind = payload.get("type", "view")
    return (
        f'<div class="view {kind}">{head}{blocks}{foot}</div>'
        f'<div class="meta">{kind}, {count} blocks</div>'
    )


STYLE = (Path(__file__).parent / "gallery.css").read_text(encoding="utf-8")


def gallery_html(items: Iterable[Surface]) -> str:
    items = list(items)
    sections: dict[str, list[str]] = {}
    for item in items:
        sections.setdefault(item.group, []).append(
            f'<section class="surface" data-title="{html.escape(item.title)}">'
            f"<h3>{html.escape(item.title)}</h3>{surface_html(item)}</section>"
        )
    toc = "".join(
        f"<li>{html.escape(group)} ({len(parts)})</li>" for group, parts in sections.items()
    )
    body = "".join(
        f"<h2>{html.escape(group)}</h2>{''.join(parts)}" for group, parts in sections.items()
    )
    return (
        '<!doctype html><html><head><meta charset="utf-8"><title>mentorbot gallery</title>'
        f"<style>{STYLE}</style></head><body><main><h1>mentorbot: everything it sends</h1>"
        f"<p>{len(items)} surfaces, built by the bot's own builders from sample people. "
        "Mentions show as names; red dashed text is something Slack would show as a broken "
        f"link.</p><ul>{toc}</ul>{body}</main></body></html>"
    )


def write_gallery(path: Path, build: Callable[[], list[Surface]] = surfaces) -> int:
    """Write the page; returns how many surfaces it shows."""
    items = build()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(gallery_html(items), encoding="utf-8")
    return len(items)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("build/gallery.html"))
    args = parser.parse_args(argv)
    count = write_gallery(args.out)
    print(f"wrote {args.out} ({count} surfaces)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
