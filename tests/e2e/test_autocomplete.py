"""Skill autocomplete through the options endpoint: prefix, alias and typo matches, most
used first, at most 100 options, and always a way to add what was typed."""

from __future__ import annotations

import pytest

from bot.core import ids
from bot.db.models import Member, Offer
from bot.db.session import transaction
from bot.db.workspaces import ensure_workspace
from bot.services.records import ensure_skill
from bot.skills.normalise import normalize_skill
from tests.support.blockkit import check_blocks


def seed(sessions, names, *, team_id="T1", uses=None):
    """Catalogue skills; `uses` gives some of them that many offers."""
    uses = uses or {}
    with transaction(sessions) as session:
        ensure_workspace(session, team_id=team_id, enterprise_id=None)
        for name in names:
            row = ensure_skill(session, team_id, normalize_skill(name))
            for n in range(uses.get(name, 0)):
                person = Member(team_id=team_id, slack_user_id=f"U{name[:8]}{n}")
                session.add(person)
                session.flush()
                session.add(Offer(team_id=team_id, member_id=person.id, skill_id=row.id))


def suggestions(slack, typed, action_id=ids.OFFER_SKILLS_INPUT, **kw):
    response = slack.options(action_id, typed, **kw)
    assert response.status == 200, response.text
    options = response.json()["options"]
    assert len(options) <= 100
    for option in options:
        assert len(option["text"]["text"]) <= 75 and len(option["value"]) <= 150
    return [(o["value"], o["text"]["text"]) for o in options]


CATALOGUE = [
    "Python",
    "PyTorch",
    "Kubernetes",
    "Public speaking",
    "Data analysis",
    "Data engineering",
    "Negotiation",
    "Go",
]


@pytest.fixture
def catalogue(sessions):
    seed(sessions, CATALOGUE, uses={"Data engineering": 3, "Data analysis": 1, "PyTorch": 2})


@pytest.mark.parametrize("action_id", [ids.OFFER_SKILLS_INPUT, ids.REQUEST_SKILL_INPUT])
def test_prefix_matches_most_used_first_then_add_new(slack, catalogue, action_id):
    found = suggestions(slack, "py", action_id)
    # "py" is an alias of Python: the exact match first, then other prefixes by use.
    assert found[:2] == [("s:python", "Python"), ("s:pytorch", "PyTorch")]
    found = suggestions(slack, "dat", action_id)
    assert [value for value, _ in found[:2]] == ["s:data-engineering", "s:data-analysis"]
    assert found[-1] == ("n:dat", "Add new skill: dat")


def test_words_inside_a_skill_match_too(slack, catalogue):
    values = [value for value, _ in suggestions(slack, "speak")]
    assert values[0] == "s:public-speaking"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("k8s", "s:kubernetes"),
        ("kubernets", "s:kubernetes"),
        ("kuberentes", "s:kubernetes"),
        ("pyhton", "s:python"),
        ("negociation", "s:negotiation"),
        ("publik", "s:public-speaking"),
    ],
)
def test_aliases_and_typos_find_the_skill(slack, catalogue, typed, expected):
    values = [value for value, _ in suggestions(slack, typed)]
    assert values[0] == expected


def test_what_was_typed_is_offered_as_new_unless_it_is_known(slack, catalogue):
    assert ("n:Bread baking", "Add new skill: Bread baking") in suggestions(slack, "Bread baking")
    assert not any(v.startswith("n:") for v, _ in suggestions(slack, "Kubernetes"))
    # k8s is Kubernetes under another name: nothing new to add.
    assert not any(v.startswith("n:") for v, _ in suggestions(slack, "K8S"))
    # Typing a skill exactly, whatever the case and spacing, adds nothing new either.
    found = suggestions(slack, "PUBLIC  speaking")
    assert found == [("s:public-speaking", "Public speaking")]


def test_a_known_alias_is_offered_as_its_skill_even_before_anyone_here_uses_it(slack, sessions):
    seed(sessions, ["Python", "Public speaking"])
    # k8s names Kubernetes: offered first as Kubernetes, never as "Add new skill: Kubernetes".
    assert suggestions(slack, "k8s") == [("n:Kubernetes", "Kubernetes")]
    assert suggestions(slack, "js")[0] == ("n:JavaScript", "JavaScript")
    # Only the start of a skill: the skill first, and what was typed as new, last.
    assert suggestions(slack, "publ") == [
        ("s:public-speaking", "Public speaking"),
        ("n:publ", "Add new skill: publ"),
    ]


@pytest.mark.parametrize("typed", ["x", "!!", "   ", "a" * 80, "<!channel>"])
def test_text_that_cant_be_a_skill_is_never_offered_as_one(slack, catalogue, typed):
    assert not any(value.startswith("n:") for value, _ in suggestions(slack, typed))


def test_at_most_one_hundred_options_with_add_new_last(slack, sessions):
    seed(sessions, [f"skill {i}" for i in range(300)])
    found = suggestions(slack, "skill")
    assert len(found) == 100
    assert found[-1] == ("n:skill", "Add new skill: skill")


def test_other_workspaces_skills_never_show(slack, sessions, catalogue):
    seed(sessions, ["Pottery"], team_id="T2")
    assert not any("pottery" in value for value, _ in suggestions(slack, "pott"))
    assert ("s:pottery", "Pottery") in suggestions(slack, "pott", team_id="T2")


def test_options_are_valid_block_kit_options(slack, catalogue):
    response = slack.options(ids.OFFER_SKILLS_INPUT, "p")
    options = response.json()["options"]
    # An options answer is a list of Option objects: check each as a static select would.
    check_blocks(
        [
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": "x"},
                "accessory": {"type": "static_select", "action_id": "a", "options": options},
            }
        ],
        limit=1,
    )
