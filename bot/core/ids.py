"""Every callback, action and block id the app uses: one definition shared by listeners,
UI builders and tests, so a rename can't leave a listener deaf."""

from __future__ import annotations

SLASH_COMMAND = "/mentor"

# Actions on messages (help, lists).
SHOW_MY_LIST = "show_my_list"

# The weekly cycle: buttons on intros, check-ins and endings, and their modals.
SET_EXPECTATIONS = "pair_set_expectations"
FIRST_MEETING_SCHEDULED = "pair_first_meeting_scheduled"
NOT_A_FIT = "pair_not_a_fit"
EXPECTATIONS_MODAL = "pair_expectations_modal"
NOT_A_FIT_MODAL = "pair_not_a_fit_modal"
CHECKIN_MET = "checkin_met"
CHECKIN_NOT_YET = "checkin_not_yet"
CIRCLE_CHECKIN_MET = "circle_checkin_met"
CIRCLE_CHECKIN_NOT_YET = "circle_checkin_not_yet"
CIRCLE_CHECKIN_NOTE = "circle_checkin_note"
CIRCLE_NOTE_MODAL = "circle_note_modal"
CIRCLE_CHECKIN_NEED_HELP = "circle_checkin_need_help"
CIRCLE_HELP_MODAL = "circle_help_modal"
CIRCLE_HELP_TAKE = "circle_help_take"
CIRCLE_FEEDBACK = "circle_feedback"
CIRCLE_FEEDBACK_MODAL = "circle_feedback_modal"
CIRCLE_FEEDBACK_RATING = "circle_feedback_rating"
CIRCLE_FEEDBACK_LEARNED = "circle_feedback_learned"
CHECKIN_NEED_HELP = "checkin_need_help"
CHECKIN_END = "checkin_end"
CHECKIN_NOTE = "checkin_note"
CHECKIN_NOTE_MODAL = "checkin_note_modal"
SHARE_FEEDBACK = "ending_share_feedback"
FEEDBACK_MODAL = "ending_feedback_modal"
FIRST_MEETING_MODAL = "pair_first_meeting_modal"
CHECKIN_HELP_MODAL = "checkin_help_modal"
# Buttons on the admins' DM about a help request.
HELP_TAKE = "help_take"
HELP_OPEN_PAIRING = "help_open_pairing"
HELP_END_AND_REMATCH = "help_end_and_rematch"

# Blocks (and their single inputs) of the weekly cycle's modals.
EXPECTATIONS_OBJECTIVE = "expectations_objective"
EXPECTATIONS_CADENCE = "expectations_cadence"
EXPECTATIONS_FIRST_MEETING = "expectations_first_meeting"
EXPECTATIONS_DURATION = "expectations_duration"
EXPECTATIONS_SUCCESS = "expectations_success"
EXPECTATIONS_CONFIDENTIAL = "expectations_confidential"
NOT_A_FIT_REASON = "not_a_fit_reason"
FIRST_MEETING_AT = "first_meeting_at"
CHECKIN_HELP_TEXT = "checkin_help_text"
CHECKIN_NOTE_TEXT = "checkin_note_text"
FEEDBACK_LEARNED = "feedback_learned"
FEEDBACK_TAUGHT = "feedback_taught"
FEEDBACK_DECISION = "feedback_decision"
# Goals: the expectations form holds, per direction ("main" or "back"), up to three goal
# boxes and the learner's starting level; check-ins carry one status button row per goal;
# the feedback modal asks the learner's level again; the ending offers the skill.
GOAL_STATUS = "goal_status"
OFFER_LEARNED_SKILL = "goal_offer_learned_skill"
FEEDBACK_LEVEL = "feedback_level"


def goal_box(direction: str, position: int) -> str:
    """The block (and input) id of one goal box of the expectations form."""
    return f"expectations_goal_{direction}_{position}"


def start_level_box(direction: str) -> str:
    """The block (and input) id of a learner's starting level in the expectations form."""
    return f"expectations_level_{direction}"


def goal_status_row(goal_id: int) -> str:
    """The block id of a goal's status buttons on a check-in."""
    return f"goal_status_{goal_id}"


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
OFFER_CIRCLE_BLOCK = "offer_circle"
OFFER_CIRCLE_INPUT = "offer_circle_input"

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
PROFILE_PUBLIC_THANKS_BLOCK = "profile_public_thanks"
PROFILE_PUBLIC_THANKS_INPUT = "profile_public_thanks_input"
PROFILE_DAY_START_BLOCK = "profile_day_start"
PROFILE_DAY_START_INPUT = "profile_day_start_input"
PROFILE_DAY_END_BLOCK = "profile_day_end"
PROFILE_DAY_END_INPUT = "profile_day_end_input"

# Finding a first meeting time: the intro's button, its modal and the slot choice.
FIND_A_TIME = "find_a_time"
FIND_A_TIME_MODAL = "find_a_time_modal"
FIND_A_TIME_SLOT = "find_a_time_slot"
PROFILE_CIRCLE_BLOCK = "profile_circle"
PROFILE_CIRCLE_INPUT = "profile_circle_input"

# Buttons that open the modals (help message, App Home) and manage what a person has.
OPEN_OFFER_MODAL = "open_offer_modal"
OPEN_REQUEST_MODAL = "open_request_modal"
OPEN_PROFILE_MODAL = "open_profile_modal"
OFFER_MENU = "offer_menu"  # overflow on one offer in App Home: edit / remove
REQUEST_MENU = "request_menu"  # overflow on one request in App Home: edit / remove
PAUSE_MATCHING = "pause_matching"
RESUME_MATCHING = "resume_matching"

# Program admins: App Home buttons, the settings and round-preview modals.
ADMIN_OPEN_SETTINGS = "admin_open_settings"
ADMIN_OPEN_PREVIEW = "admin_open_preview"
ADMIN_RUN_NOW = "admin_run_now"
ADMIN_SKIP_NEXT = "admin_skip_next"
ADMIN_UNSKIP_NEXT = "admin_unskip_next"
ADMIN_SEND_CHART = "admin_send_chart"
ADMIN_SEND_EXPORT = "admin_send_export"
ADMIN_APPROVAL_SEND = "admin_approval_send"  # Send on a round waiting for approval
ADMIN_START_ROUNDS = "admin_start_rounds"  # App Home's setup: let scheduled rounds run
ADMIN_PREVIEW_PREVIOUS = "admin_preview_previous"
ADMIN_PREVIEW_NEXT = "admin_preview_next"
ADMIN_SETTINGS_MODAL = "admin_settings_modal"
ADMIN_PREVIEW_MODAL = "admin_preview_modal"
ADMIN_NOTICE_MODAL = "admin_notice_modal"
ADMIN_RUN_CONFIRM_MODAL = "admin_run_confirm_modal"  # "Run now?" over the preview

# Shaping the next round in the preview: a pair's menu (lock, drop, swap), picking another
# mentor, adding a pair, re-solving, and going back to the preview.
ADMIN_SHAPE_PAIR = "admin_shape_pair"
ADMIN_SHAPE_PICK = "admin_shape_pick"
ADMIN_SHAPE_ADD = "admin_shape_add"
ADMIN_SHAPE_RESOLVE = "admin_shape_resolve"
ADMIN_SHAPE_BACK = "admin_shape_back"
ADMIN_SWAP_MODAL = "admin_swap_modal"
ADMIN_RESOLVED_MODAL = "admin_resolved_modal"
ADMIN_ADD_PAIR_MODAL = "admin_add_pair_modal"
ADMIN_ADD_MENTOR = "admin_add_mentor"
ADMIN_ADD_MENTEE = "admin_add_mentee"
ADMIN_ADD_SKILL = "admin_add_skill"

# Blocks (and their single inputs) of the settings modal.
ADMIN_WEEKDAY = "admin_weekday"
ADMIN_TIME = "admin_time"
ADMIN_TIMEZONE = "admin_timezone"
ADMIN_CADENCE = "admin_cadence"
ADMIN_COOLDOWN = "admin_cooldown_weeks"
ADMIN_TZ_GAP = "admin_max_tz_gap"
ADMIN_NUDGE_AFTER = "admin_nudge_after"
ADMIN_CLOSE_AFTER = "admin_close_after"
ADMIN_TWO_WAY_WEIGHT = "admin_two_way_weight"
ADMIN_ANNOUNCE_CHANNEL = "admin_announce_channel"
ADMIN_ANNOUNCE_PAIRS = "admin_announce_pairs"
ADMIN_APPROVE_ROUNDS = "admin_approve_rounds"

# `/mentor forget-me`: the buttons on its confirmation message.
FORGET_ME_CONFIRM = "forget_me_confirm"
FORGET_ME_CANCEL = "forget_me_cancel"

# The pair's learning log: "Log a session" (check-ins, App Home), its modal, and marking an
# action item done from a check-in.
LOG_SESSION = "log_session"
LOG_SESSION_MODAL = "log_session_modal"
LOG_COVERED = "log_covered"
LOG_MENTOR_LEARNED = "log_mentor_learned"
LOG_MENTEE_LEARNED = "log_mentee_learned"
LOG_ACTION_ITEM = "log_action_item"
LOG_ACTION_OWNER = "log_action_owner"
LOG_ACTION_DONE = "log_action_done"
# Programs: `/mentor admin program new`, its modal's blocks, and the invitation buttons.
PROGRAM_MODAL = "program_modal"
PROGRAM_NAME = "program_name"
PROGRAM_STARTS = "program_starts"
PROGRAM_ENDS = "program_ends"
PROGRAM_CADENCE = "program_cadence"
PROGRAM_LEARNERS = "program_learners"
PROGRAM_LEARNER_PEOPLE = "program_learner_people"
PROGRAM_TEACHERS = "program_teachers"
PROGRAM_TEACHER_PEOPLE = "program_teacher_people"
PROGRAM_LEARNER_GROUP = "program_learner_group"
PROGRAM_TEACHER_GROUP = "program_teacher_group"
PROGRAM_FOCUS = "program_focus"
PROGRAM_IN_POOL = "program_in_pool"
PROGRAM_JOIN_LEARNER = "program_join_learner"
PROGRAM_JOIN_TEACHER = "program_join_teacher"
PROGRAM_NOT_NOW = "program_not_now"
PROGRAM_SEND_CHART = "program_send_chart"  # on the end-of-program report
# Fit and thanks (private answers about a pairing; the end-of-pairing thanks modal).
FIT_GOOD = "fit_good"
FIT_NOT_SURE = "fit_not_sure"
FIT_NOT_A_FIT = "fit_not_a_fit"
AGAIN_YES = "pair_again_yes"
AGAIN_NO = "pair_again_no"
SEND_THANKS = "send_thanks"
SEND_THANKS_MODAL = "send_thanks_modal"
THANKS_WORDS = "thanks_words"
THANKS_CHANNEL = "thanks_channel"
