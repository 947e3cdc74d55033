"""Program admins: Slack's owners and admins, plus names given in the app, per workspace."""

from __future__ import annotations

from bot.db.session import transaction
from bot.domain.people import SlackProfile
from bot.services.admins import add_admin, is_program_admin, named_admins, remove_admin


def profile(user_id: str, **flags: bool) -> SlackProfile:
    return SlackProfile(
        user_id=user_id, display_name=user_id, tz=None, tz_offset_seconds=0, **flags
    )


def test_workspace_owners_and_admins_are_program_admins(sessions):
    with transaction(sessions) as session:
        assert is_program_admin(session, "T1", profile("U1", is_admin=True))
        assert is_program_admin(session, "T1", profile("U2", is_owner=True))
        assert not is_program_admin(session, "T1", profile("U3"))
        assert not is_program_admin(session, "T1", profile("U4", is_admin=True, deleted=True))


def test_named_admins_count_only_in_their_workspace_and_can_be_removed(sessions):
    with transaction(sessions) as session:
        assert add_admin(session, team_id="T1", user_id="U3", added_by="U1")
        assert not add_admin(session, team_id="T1", user_id="U3", added_by="U1")
        assert is_program_admin(session, "T1", profile("U3"))
        assert not is_program_admin(session, "T2", profile("U3"))
        assert named_admins(session, "T1") == ["U3"]
    with transaction(sessions) as session:
        assert remove_admin(session, team_id="T1", user_id="U3")
        assert not remove_admin(session, team_id="T1", user_id="U3")
        assert not is_program_admin(session, "T1", profile("U3"))
