"""How fast the sender may call each Slack method, per workspace (and per channel).

The numbers are Slack's published tiers (see SLACK.md); they are allowances per app, per
workspace, per method. A limit of "N calls per W seconds" is enforced by Slack over a
moving window, so the sender paces evenly at just under it instead of bursting into 429s.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

POST_MESSAGE = "chat.postMessage"
OPEN_CONVERSATION = "conversations.open"
READ_HISTORY = "conversations.history"
UPDATE_MESSAGE = "chat.update"


@dataclass(frozen=True)
class Rate:
    """At most `calls` calls in any `seconds`-long window; `burst` of them may go at once."""

    calls: int
    seconds: float
    burst: int = 1

    def __post_init__(self) -> None:
        if self.calls < 1 or self.seconds <= 0 or not 1 <= self.burst <= self.calls:
            raise ValueError(f"not a usable rate: {self}")

    def allowed_per_second(self) -> float:
        return self.calls / self.seconds

    def sustained_per_second(self, headroom: float) -> float:
        """The steady pace that keeps every window within `calls`, after a full burst.

        A burst of `burst` calls followed by calls every 1/r seconds puts at most
        `burst - 1 + r * seconds` calls in a window, hence r = (calls - burst + 1) / seconds;
        `headroom` keeps a little margin for the network's jitter.
        """
        return (self.calls - self.burst + 1) / self.seconds * (1.0 - headroom)

    def scaled(self, factor: float) -> Rate:
        return replace(self, seconds=self.seconds / factor)


@dataclass(frozen=True)
class SendLimits:
    """Rates per Slack method in one workspace, plus chat.postMessage's per-channel rate."""

    per_workspace: tuple[tuple[str, Rate], ...]
    post_per_channel: Rate
    headroom: float = 0.04

    def for_method(self, method: str) -> Rate | None:
        return next((rate for name, rate in self.per_workspace if name == method), None)

    def scaled(self, factor: float) -> SendLimits:
        """The same limits `factor` times faster (benchmarks and tests of the pacing)."""
        return replace(
            self,
            per_workspace=tuple((name, rate.scaled(factor)) for name, rate in self.per_workspace),
            post_per_channel=self.post_per_channel.scaled(factor),
        )


SLACK_LIMITS = SendLimits(
    per_workspace=(
        # "Several hundred per minute" across the workspace; 300 stays well inside it.
        (POST_MESSAGE, Rate(300, 60.0, burst=3)),
        # Tier 3: 50+ per minute, with occasional bursts.
        (OPEN_CONVERSATION, Rate(50, 60.0, burst=2)),
        (READ_HISTORY, Rate(50, 60.0, burst=2)),
        (UPDATE_MESSAGE, Rate(50, 60.0, burst=2)),
    ),
    # About one message per second in any one channel.
    post_per_channel=Rate(1, 1.0),
)
