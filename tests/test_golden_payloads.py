"""The payload record's normalisation: stable across runs and databases, blind to nothing else."""

from __future__ import annotations

import json

from tests.support.payloads import diff, normalise, per_method, settled


def post(channel: str, text: str, **extra: object) -> tuple[str, dict[str, object]]:
    return "chat.postMessage", {"channel": channel, "text": text, **extra}


def test_ids_become_placeholders_in_order_of_first_appearance():
    one_run = normalise([post("D00000007", "Hi <@U1>"), post("D00000009", "Hi <@U2> and <@U1>")])
    other_run = normalise([post("D00000031", "Hi <@UA>"), post("D00000040", "Hi <@UB> and <@UA>")])
    assert one_run == other_run
    assert one_run[1]["params"] == {"channel": "C#2", "text": "Hi <@U#2> and <@U#1>"}


def test_database_ids_in_values_and_metadata_are_placeholders_but_copy_is_not():
    def intro(pair_id: int, text: str) -> tuple[str, dict[str, object]]:
        button = {"type": "button", "action_id": "pair_not_a_fit", "value": str(pair_id)}
        blocks = [{"type": "actions", "block_id": f"pair_actions_{pair_id}", "elements": [button]}]
        return post("C1", text, blocks=blocks, private_metadata=json.dumps({"pair": pair_id}))

    assert normalise([intro(3, "Meet Ada")]) == normalise([intro(41, "Meet Ada")])
    assert normalise([intro(3, "Meet Ada")]) != normalise([intro(3, "Meet Grace")])


def test_wall_clock_dates_and_times_are_marked():
    text = "Monday 3 December at 14:00, then Dec 10 (2026-12-10T14:00:00Z, 2026-12-10)"
    [call] = normalise([post("C1", text)])
    assert call["params"]["text"] == "<when> <when> at <when>, then <when> (<when>, <when>)"


def test_per_method_order_ignores_the_order_calls_arrived_in():
    first = [post("D00000001", "to Ada", user="U1"), post("D00000002", "to Grace", user="U2")]
    assert per_method(first) == per_method(list(reversed(first)))
    assert normalise(first) != normalise(list(reversed(first)))


def test_a_changed_payload_shows_as_a_readable_diff():
    before = normalise([post("C1", "Your pairing ended")])
    after = normalise([post("C1", "Your pairing has ended")])
    shown = diff(before, after)
    assert '-  "text": "Your pairing ended"' in shown
    assert "has ended" in shown


def test_only_each_persons_last_app_home_is_kept():
    def home(user: str, text: str) -> tuple[str, dict[str, object]]:
        return "views.publish", {"user_id": user, "view": {"type": "home", "blocks": [text]}}

    calls = [home("U1", "one"), post("D1", "hi"), home("U2", "a"), home("U1", "two")]
    assert settled(calls) == [post("D1", "hi"), home("U2", "a"), home("U1", "two")]
    # Whichever refresh ran in between, the record is the same.
    racing = [home("U1", "two"), post("D1", "hi"), home("U2", "a"), home("U1", "two")]
    assert per_method(calls) == per_method(racing)
    assert per_method(calls) != per_method([*calls, home("U1", "three")])
