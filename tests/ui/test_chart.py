"""The health chart renders a readable, non-blank PNG of the right size."""

from __future__ import annotations

import io
import struct

import numpy as np
from matplotlib.image import imread

from bot.domain.goals import SkillGain
from bot.domain.program_health import PeriodHealth
from bot.ui.chart import (
    DPI,
    GAIN_COLOUR,
    HEIGHT_INCHES,
    WIDTH_INCHES,
    health_chart_png,
    program_chart_png,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def sample_periods() -> list[PeriodHealth]:
    return [
        PeriodHealth(label=f"W{week}", new_pairs=week % 5 + 1, pairs_met=week % 3, open_requests=9)
        for week in range(12)
    ]


def test_chart_is_a_png_of_the_documented_size():
    data = health_chart_png(sample_periods(), title="Program health")
    assert png_size(data) == (int(WIDTH_INCHES * DPI), int(HEIGHT_INCHES * DPI))


def test_chart_is_not_blank_and_draws_every_series_colour():
    pixels = imread(io.BytesIO(health_chart_png(sample_periods(), title="Program health")))
    rgb = pixels[..., :3]
    not_white = (rgb < 0.95).any(axis=-1)
    assert not_white.mean() > 0.03  # bars, line, text: clearly more than an empty frame
    for colour in ("#2e5e4e", "#8fc1a9", "#d9822b"):
        target = np.array([int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
        assert (np.abs(rgb - target).max(axis=-1) < 0.02).sum() > 50, colour


def test_chart_without_rounds_still_renders():
    data = health_chart_png([], title="Program health")
    assert png_size(data)[0] > 0


def test_program_chart_draws_the_level_change_beside_the_rounds():
    gains = [SkillGain(skill="AI tools", learners=6, average_gain=2.2),
             SkillGain(skill="TikTok", learners=5, average_gain=-0.4)]  # fmt: skip
    data = program_chart_png(sample_periods()[:4], gains, title="Leaders learn AI",
                             goals_line="58% of 12 goals done")  # fmt: skip
    assert png_size(data) == (int(WIDTH_INCHES * DPI), int(HEIGHT_INCHES * DPI))
    rgb = imread(io.BytesIO(data))[..., :3]
    target = np.array([int(GAIN_COLOUR[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    assert (np.abs(rgb - target).max(axis=-1) < 0.02).sum() > 50


def test_program_chart_without_rounds_or_ratings_still_renders():
    data = program_chart_png([], [], title="Leaders learn AI", goals_line="No goals set yet")
    assert png_size(data)[0] > 0
