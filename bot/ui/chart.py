"""The program-health and program-report charts admins get as PNGs (pure: data in, image bytes out).

Drawn on a bare `Figure` with the Agg canvas rather than through pyplot, whose global
state is not safe across the listener threads that render charts at the same time.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import AutoLocator

from bot.domain.goals import SkillGain
from bot.domain.program_health import PeriodHealth

# Slack previews images about 360-480 px wide; 1000 x 560 px stays crisp when scaled down.
WIDTH_INCHES, HEIGHT_INCHES, DPI = 10.0, 5.6, 100
NEW_PAIRS_COLOUR, MET_COLOUR, OPEN_COLOUR = "#2e5e4e", "#8fc1a9", "#d9822b"
GAIN_COLOUR = "#4a6fa5"


def health_chart_png(periods: Sequence[PeriodHealth], *, title: str) -> bytes:
    """A bar-and-line chart of the given periods, oldest first, as PNG bytes."""
    figure = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES), dpi=DPI)
    FigureCanvasAgg(figure)
    _draw_rounds(figure.add_subplot(), periods, title=title)
    return _png(figure)


def program_chart_png(
    periods: Sequence[PeriodHealth],
    gains: Sequence[SkillGain],
    *,
    title: str,
    goals_line: str,
) -> bytes:
    """A program's report as one PNG: its rounds on the left and, on the right, the
    average level change per skill (only skills the small-number rule lets through),
    with the share of goals done written under it. Aggregates only, like the report."""
    figure = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES), dpi=DPI)
    FigureCanvasAgg(figure)
    grid = figure.add_gridspec(1, 3)
    _draw_rounds(figure.add_subplot(grid[0, :2]), periods, title=title)
    axes = figure.add_subplot(grid[0, 2])
    labels = [gain.skill for gain in gains]
    positions = list(range(len(gains)))
    axes.barh(positions, [gain.average_gain for gain in gains], color=GAIN_COLOUR)
    axes.set_yticks(positions, labels, fontsize=11)
    axes.invert_yaxis()  # first skill on top, as in the report's list
    axes.axvline(0, color="#555555", linewidth=1)
    axes.set_xlim(min([-1.0, *(g.average_gain for g in gains)]), 4.0)
    axes.set_xlabel("Average level change", fontsize=12)
    axes.set_title("Level change per skill", fontsize=14, pad=34)
    axes.grid(axis="x", alpha=0.3)
    if not gains:
        axes.text(
            0.5, 0.5, "Not enough ratings yet", ha="center", va="center",
            transform=axes.transAxes, wrap=True,
        )  # fmt: skip
    axes.text(0.5, -0.22, goals_line, ha="center", va="top", transform=axes.transAxes,
              fontsize=11, wrap=True)  # fmt: skip
    return _png(figure)


def _draw_rounds(axes: Axes, periods: Sequence[PeriodHealth], *, title: str) -> None:
    positions = list(range(len(periods)))
    width = 0.38
    axes.bar(
        [x - width / 2 for x in positions],
        [p.new_pairs for p in periods],
        width,
        label="New pairs",
        color=NEW_PAIRS_COLOUR,
    )
    axes.bar(
        [x + width / 2 for x in positions],
        [p.pairs_met for p in periods],
        width,
        label="Pairs that met",
        color=MET_COLOUR,
    )
    axes.plot(
        positions,
        [p.open_requests for p in periods],
        marker="o",
        linewidth=2.5,
        label="Open requests",
        color=OPEN_COLOUR,
    )
    axes.set_title(title, fontsize=16, pad=34)
    axes.set_xlabel("Round", fontsize=12)
    axes.set_ylabel("Count", fontsize=12)
    axes.set_xticks(positions, [p.label for p in periods], fontsize=11)
    axes.tick_params(axis="y", labelsize=11)
    counts = AutoLocator()  # matplotlib's default ticks, whole numbers only
    counts.set_params(integer=True)
    axes.yaxis.set_major_locator(counts)
    axes.set_ylim(bottom=0)
    axes.grid(axis="y", alpha=0.3)
    # Above the plot, under the title, so it never hides a bar or the line.
    axes.legend(fontsize=11, ncol=3, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    if not periods:
        axes.text(0.5, 0.5, "No rounds yet", ha="center", va="center", transform=axes.transAxes)


def _png(figure: Figure) -> bytes:
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
