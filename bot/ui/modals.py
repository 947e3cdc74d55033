"""The offer, request and profile modals, and the options of their skill selects (pure)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    ExternalDataMultiSelectElement,
    ExternalDataSelectElement,
    InputBlock,
    MarkdownTextObject,
    NumberInputElement,
    Option,
    PlainTextObject,
    SectionBlock,
    TimePickerElement,
)
from slack_sdk.models.views import View

from bot.core import ids
from bot.domain.drafts import OfferDraft, ProfileDraft, RequestDraft, SkillRef, Suggestions
from bot.parsing.forms import (
    MAX_CAPACITY,
    MAX_CIRCLE_SIZE,
    MAX_GOAL_LENGTH,
    MAX_NOTE_LENGTH,
    MAX_SKILLS_PER_OFFER,
    MIN_CAPACITY,
    MIN_CIRCLE_SIZE,
    known_skill_value,
    new_skill_value,
)
from bot.ui.fields import select_box, text_box, tick_box
from bot.ui.texts import text
from bot.vocabulary import (
    CAREER_STAGE_LABELS,
    DEFAULT_DURATION,
    DEFAULT_FREQUENCY,
    DEFAULT_LEVEL,
    DURATION_LABELS,
    DURATIONS,
    FREQUENCIES,
    FREQUENCY_CHOICE_LABELS,
    LEVEL_LABELS,
)

MAX_OPTION_TEXT = 75
MAX_PRIVATE_METADATA = 3000
# Typing one letter is enough: skills such as "Go" or "R" are short.
MIN_QUERY_LENGTH = 1

REVERSE_OPTION = "open_to_reverse"
DIRECTORY_OPTION = "listed_in_directory"
PUBLIC_THANKS_OPTION = "allows_public_thanks"
CIRCLE_OPTION = "open_to_circle"


@dataclass(frozen=True, slots=True)
class ModalContext:
    """What a modal carries to its submission, in `private_metadata` (never global state).

    `response_url`: where to confirm, when the modal was opened from a message.
    `request_id`: the request being edited. `then_profile`: show the profile modal next
    (the person's first offer or request).
    """

    response_url: str | None = None
    request_id: int | None = None
    then_profile: bool = False

    def to_metadata(self) -> str:
        fields = {k: v for k, v in asdict(self).items() if v is not None and v is not False}
        encoded = json.dumps(fields, separators=(",", ":"))
        if len(encoded) > MAX_PRIVATE_METADATA:  # a response_url is never this long
            encoded = json.dumps({k: v for k, v in fields.items() if k != "response_url"})
        return encoded

    @classmethod
    def from_metadata(cls, metadata: str | None) -> ModalContext:
        try:
            fields = json.loads(metadata or "{}")
        except ValueError:
            return cls()
        if not isinstance(fields, dict):
            return cls()
        url, request_id = fields.get("response_url"), fields.get("request_id")
        return cls(
            response_url=url if isinstance(url, str) else None,
            request_id=request_id if type(request_id) is int else None,
            then_profile=fields.get("then_profile") is True,
        )


def _clip(label: str, limit: int = MAX_OPTION_TEXT) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _option(value: str, label: str) -> Option:
    return Option(value=value, text=PlainTextObject(text=_clip(label), emoji=True))


def skill_option(skill: SkillRef) -> Option:
    return _option(known_skill_value(skill.slug), skill.label)


def skill_options(suggestions: Suggestions) -> list[Option]:
    """Catalogue matches, best first, then what was typed as a new skill (first instead,
    under its own name, when it is a skill the app knows by name)."""
    options = [_option(known_skill_value(m.entry.slug), m.entry.label) for m in suggestions.matches]
    if suggestions.new_skill is not None:
        label = suggestions.new_skill.label
        if suggestions.new_is_known:
            # A skill the app knows by name, typed exactly (or by an alias): the best match.
            options.insert(0, _option(new_skill_value(label), label))
        else:
            options.append(_option(new_skill_value(label), "Add new skill: " + _clip(label, 60)))
    return options


def _intro(name: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=text(name))])


def _note_input(
    block_id: str, action_id: str, label: str, hint: str, initial: str | None
) -> InputBlock:
    return text_box(
        block_id,
        label,
        action_id=action_id,
        hint=hint,
        optional=True,
        max_length=MAX_NOTE_LENGTH,
        initial=initial,
    )


def _modal(
    callback_id: str, title: str, submit: str, blocks: Sequence[Block], ctx: ModalContext
) -> View:
    return View(
        type="modal",
        callback_id=callback_id,
        title=PlainTextObject(text=title),
        submit=PlainTextObject(text=submit),
        close=PlainTextObject(text="Cancel"),
        private_metadata=ctx.to_metadata(),
        blocks=list(blocks),
    )


def offer_modal(draft: OfferDraft, context: ModalContext) -> View:
    levels = [_option(str(level), label) for level, label in LEVEL_LABELS.items()]
    chosen_level = draft.level or DEFAULT_LEVEL
    skills = ExternalDataMultiSelectElement(
        action_id=ids.OFFER_SKILLS_INPUT,
        placeholder="Start typing a skill",
        min_query_length=MIN_QUERY_LENGTH,
        max_selected_items=MAX_SKILLS_PER_OFFER,
        initial_options=[skill_option(s) for s in draft.skills] or None,
    )
    blocks: list[Block] = [
        _intro("offer_intro"),
        InputBlock(block_id=ids.OFFER_SKILLS_BLOCK, label="Skills you can teach", element=skills),
        select_box(
            ids.OFFER_LEVEL_BLOCK,
            "Your level",
            levels,
            initial=levels[chosen_level - 1],
            action_id=ids.OFFER_LEVEL_INPUT,
            hint="One level for all the skills you choose here. To give skills different "
            "levels, offer them one at a time.",
        ),
        InputBlock(
            block_id=ids.OFFER_CAPACITY_BLOCK,
            label="How many people you can mentor at once",
            hint=f"A whole number from {MIN_CAPACITY} to {MAX_CAPACITY}.",
            element=NumberInputElement(
                action_id=ids.OFFER_CAPACITY_INPUT,
                is_decimal_allowed=False,
                min_value=str(MIN_CAPACITY),
                max_value=str(MAX_CAPACITY),
                initial_value=str(draft.capacity),
            ),
        ),
        _note_input(
            ids.OFFER_IN_RETURN_BLOCK,
            ids.OFFER_IN_RETURN_INPUT,
            "What you would like to learn in return",
            "It lets the weekly round find two-way exchanges, where each of you teaches the "
            "other something.",
            draft.in_return,
        ),
        InputBlock(
            block_id=ids.OFFER_CIRCLE_BLOCK,
            label="Happy to run a circle? Up to how many learners",
            optional=True,
            hint=f"When more people want these skills than mentors can take one to one, the "
            f"round may ask you to lead a small group instead: {MIN_CIRCLE_SIZE} to "
            f"{MAX_CIRCLE_SIZE} learners, on top of the people above. Leave it empty for no "
            "circle.",
            element=NumberInputElement(
                action_id=ids.OFFER_CIRCLE_INPUT,
                is_decimal_allowed=False,
                min_value=str(MIN_CIRCLE_SIZE),
                max_value=str(MAX_CIRCLE_SIZE),
                initial_value=str(draft.circle_size) if draft.circle_size else None,
            ),
        ),
    ]
    return _modal(ids.OFFER_MODAL, "Offer to teach", "Offer", blocks, context)


def _choices(labels: dict[str, str], values: Sequence[str]) -> list[Option]:
    return [_option(value, labels[value]) for value in values]


def _initial(options: Sequence[Option], value: str, default: str) -> Option:
    """The option for `value`, or the default one for a value these options don't know."""
    by_value = {option.value: option for option in options}
    return by_value.get(value) or by_value[default]


def request_modal(draft: RequestDraft, context: ModalContext) -> View:
    frequencies = _choices(FREQUENCY_CHOICE_LABELS, FREQUENCIES)
    durations = _choices({key: DURATION_LABELS[key].capitalize() for key in DURATIONS}, DURATIONS)
    blocks: list[Block] = [
        _intro("request_intro"),
        InputBlock(
            block_id=ids.REQUEST_SKILL_BLOCK,
            label="Skill you want to learn",
            element=ExternalDataSelectElement(
                action_id=ids.REQUEST_SKILL_INPUT,
                placeholder="Start typing a skill",
                min_query_length=MIN_QUERY_LENGTH,
                initial_option=skill_option(draft.skill) if draft.skill else None,
            ),
        ),
        text_box(
            ids.REQUEST_GOAL_BLOCK,
            "What do you want to be able to do?",
            action_id=ids.REQUEST_GOAL_INPUT,
            hint="For example: present our quarterly results without notes.",
            max_length=MAX_GOAL_LENGTH,
            initial=draft.goal,
        ),
        select_box(
            ids.REQUEST_FREQUENCY_BLOCK,
            "How often would you like to meet?",
            frequencies,
            initial=_initial(frequencies, draft.frequency, DEFAULT_FREQUENCY),
            action_id=ids.REQUEST_FREQUENCY_INPUT,
        ),
        select_box(
            ids.REQUEST_DURATION_BLOCK,
            "For how long?",
            durations,
            initial=_initial(durations, draft.duration, DEFAULT_DURATION),
            action_id=ids.REQUEST_DURATION_INPUT,
        ),
        _note_input(
            ids.REQUEST_SUCCESS_BLOCK,
            ids.REQUEST_SUCCESS_INPUT,
            "How will you know it worked?",
            "Something you could show or do at the end.",
            draft.success_measure,
        ),
        _note_input(
            ids.REQUEST_TEACH_BLOCK,
            ids.REQUEST_TEACH_INPUT,
            "What you can teach in return",
            "Makes a two-way exchange possible: your mentor learns from you too.",
            draft.can_teach_in_return,
        ),
    ]
    title = "Your request" if draft.request_id else "Ask to learn"
    return _modal(ids.REQUEST_MODAL, title, "Save", blocks, context)


def _utc_offset(seconds: int) -> str:
    sign = "+" if seconds >= 0 else "-"
    hours, minutes = divmod(abs(seconds) // 60, 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def _time_box(
    block_id: str, action_id: str, label: str, initial: str, *, hint: str | None = None
) -> InputBlock:
    return InputBlock(
        block_id=block_id,
        label=label,
        hint=hint,
        element=TimePickerElement(action_id=action_id, initial_time=initial),
    )


def profile_modal(draft: ProfileDraft, context: ModalContext) -> View:
    stages = _choices(CAREER_STAGE_LABELS, list(CAREER_STAGE_LABELS))
    stage_initial = next((o for o in stages if o.value == draft.career_stage), None)
    reverse = _option(REVERSE_OPTION, "I'm open to reverse mentoring")
    listed = _option(DIRECTORY_OPTION, "List me in the expertise directory")
    public = _option(PUBLIC_THANKS_OPTION, "Thanks to me may be posted in a channel")
    circle = _option(CIRCLE_OPTION, "I'm open to learning in a circle")
    tz = f"{draft.tz} ({_utc_offset(draft.tz_offset_seconds)})" if draft.tz else "not set in Slack"
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=text("profile_intro"))),
        select_box(
            ids.PROFILE_STAGE_BLOCK,
            "Career stage",
            stages,
            initial=stage_initial,
            action_id=ids.PROFILE_STAGE_INPUT,
            optional=True,
            hint="Used only to recognise reverse mentoring — when the mentor is earlier in "
            "their career than the mentee — never to decide who teaches whom.",
            placeholder="Choose, or leave it out",
        ),
        tick_box(
            ids.PROFILE_REVERSE_BLOCK,
            "Reverse mentoring",
            reverse,
            ticked=draft.open_to_reverse,
            action_id=ids.PROFILE_REVERSE_INPUT,
            optional=True,
            hint="Learning from someone earlier in their career, or teaching someone further on.",
        ),
        tick_box(
            ids.PROFILE_DIRECTORY_BLOCK,
            "Expertise directory",
            listed,
            ticked=draft.listed_in_directory,
            action_id=ids.PROFILE_DIRECTORY_INPUT,
            optional=True,
            hint="Listed people show up when someone looks up a skill they offer with "
            "/mentor find. Off unless you turn it on.",
        ),
        tick_box(
            ids.PROFILE_PUBLIC_THANKS_BLOCK,
            "Public thanks",
            public,
            ticked=draft.allows_public_thanks,
            action_id=ids.PROFILE_PUBLIC_THANKS_INPUT,
            optional=True,
            hint="When someone thanks you with /mentor thanks and asks for it, the thanks "
            "also appears in the channel they name. Otherwise it stays a private message.",
        ),
        _time_box(
            ids.PROFILE_DAY_START_BLOCK,
            ids.PROFILE_DAY_START_INPUT,
            "Your working day starts",
            draft.day_starts,
        ),
        _time_box(
            ids.PROFILE_DAY_END_BLOCK,
            ids.PROFILE_DAY_END_INPUT,
            "Your working day ends",
            draft.day_ends,
            hint="Find a time proposes first meetings inside both people's working hours, "
            "in your own time zone.",
        ),
        tick_box(
            ids.PROFILE_CIRCLE_BLOCK,
            "Circles",
            circle,
            ticked=draft.open_to_circle,
            action_id=ids.PROFILE_CIRCLE_INPUT,
            optional=True,
            hint="When a skill you asked for has more learners than mentors, you may learn "
            "it in a group of 3 to 6 learners with one mentor, or with 2 to 4 peers when "
            "nobody offers it. One to one always comes first.",
        ),
        ContextBlock(
            elements=[MarkdownTextObject(text=f"Your time zone, from your Slack profile: {tz}")]
        ),
    ]
    return _modal(ids.PROFILE_MODAL, "Your mentoring profile", "Save", blocks, context)
