"""The chapter "Analysis of the region": a line saying what belongs there, or what a stage-I provider returns."""

from __future__ import annotations

import pytest

from fgd_app.core.draft import gather_draft
from fgd_app.core.draft.model import Heading, Paragraph, Table
from fgd_app.core.draft.region_analysis import register_provider, unregister_provider


def chapter(ws):
    return next(c for c in gather_draft(ws).chapters if c.key == "region_analysis")


@pytest.fixture
def provider():
    yield register_provider
    unregister_provider("test-readiness")
    unregister_provider("test-broken")


def test_without_data_the_chapter_says_what_belongs_there(workshop):
    blocks = chapter(workshop).blocks
    assert isinstance(blocks[0], Heading) and blocks[0].text == "2. Analisis wilayah"
    assert blocks[1].style == "note" and "bimtek I" in blocks[1].text


def test_a_provider_fills_the_chapter(workshop, provider):
    def readiness(ws):
        return [Heading("Kesiapan", 2), Table("Kesiapan per aspek", ["Aspek", "Nilai"], [["SDM", "3"]])]

    provider("test-readiness", readiness)
    blocks = chapter(workshop).blocks
    assert [type(b) for b in blocks] == [Heading, Heading, Table]


def test_a_provider_with_nothing_leaves_the_note_and_a_broken_one_is_named(workshop, provider):
    provider("test-readiness", lambda ws: [])
    provider("test-broken", lambda ws: 1 / 0)
    blocks = chapter(workshop).blocks
    assert isinstance(blocks[-1], Paragraph) and "test-broken" in blocks[-1].text
