"""Every callback, action and block id the app uses: one definition shared by listeners,
UI builders and tests, so a rename can't leave a listener deaf."""

from __future__ import annotations

SLASH_COMMAND = "/mentor"

# Actions on messages (help, lists).
SHOW_MY_LIST = "show_my_list"

# Modals (callback ids), their input blocks and the elements inside them.
OFFER_MODAL = "offer_modal"
REQUEST_MODAL = "request_modal"
PROFILE_MODAL = "profile_modal"

OFFER_SKILLS_BLOCK = "offer_skills"
OFFER_SKILLS_INPUT = "offer_skills_input"
OFFER_LEVEL_BLOCK = "offer_level"
OFFER_LEVEL_INPUT = "offer_level_input"
OFFER_CAPACITY_BLOCK = "offer_capacity"
OFFER_CAPACITY_INPUT = "offer_capacity_input"
OFFER_IN_RETURN_BLOCK = "offer_in_return"
OFFER_IN_RETURN_INPUT = "offer_in_return_input"

REQUEST_SKILL_BLOCK = "request_skill"
REQUEST_SKILL_INPUT = "request_skill_input"
REQUEST_GOAL_BLOCK = "request_goal"
REQUEST_GOAL_INPUT = "request_goal_input"
REQUEST_FREQUENCY_BLOCK = "request_frequency"
REQUEST_FREQUENCY_INPUT = "request_frequency_input"
REQUEST_DURATION_BLOCK = "request_duration"
REQUEST_DURATION_INPUT = "request_duration_input"
REQUEST_SUCCESS_BLOCK = "request_success"
REQUEST_SUCCESS_INPUT = "request_success_input"
REQUEST_TEACH_BLOCK = "request_teach"
REQUEST_TEACH_INPUT = "request_teach_input"

PROFILE_STAGE_BLOCK = "profile_stage"
PROFILE_STAGE_INPUT = "profile_stage_input"
PROFILE_REVERSE_BLOCK = "profile_reverse"
PROFILE_REVERSE_INPUT = "profile_reverse_input"
PROFILE_DIRECTORY_BLOCK = "profile_directory"
PROFILE_DIRECTORY_INPUT = "profile_directory_input"

# Buttons that open the modals (help message, App Home) and manage what a person has.
OPEN_OFFER_MODAL = "open_offer_modal"
OPEN_REQUEST_MODAL = "open_request_modal"
OPEN_PROFILE_MODAL = "open_profile_modal"
OFFER_MENU = "offer_menu"  # overflow on one offer in App Home: edit / remove
REQUEST_MENU = "request_menu"  # overflow on one request in App Home: edit / remove
PAUSE_MATCHING = "pause_matching"
RESUME_MATCHING = "resume_matching"
