"""The HTML pages on the real data (data/*.trig): the succession chains, the programme timeline,
Phase 2's honest count, the home page counts, and a page for every thing."""

from __future__ import annotations

from pathlib import Path

import pytest

from publisher import pages
from publisher.config import Settings
from publisher.load import load

from .test_pages import BASE, SVG, Page, make_publisher, svg_text, thing_page


@pytest.fixture(scope="module")
def real_publisher():
    settings = Settings()
    if not any(Path(settings.data_dir).glob("*.trig")):
        pytest.skip("no data in data/ yet")
    return make_publisher(load(settings))


def test_real_hefce_succession(real_publisher):
    page = thing_page(real_publisher, "id/organisation/hefce")
    text = svg_text(page.svgs()[0])
    assert "Office for Students" in text and "Research England" in text


@pytest.mark.parametrize(("path", "names"), [
    ("id/organisation/lga", ("Association of County Councils", "Association of District Councils",
                             "Association of Metropolitan Authorities")),
    ("id/organisation/universities-uk", ("Committee of Vice-Chancellors",)),
])
def test_real_predecessors(real_publisher, path, names):
    page = thing_page(real_publisher, path)
    text = " ".join(svg_text(s) for s in page.svgs()) + page.text
    for name in names:
        assert name in text


def test_real_programme_timeline_and_phase_two(real_publisher):
    programme = thing_page(real_publisher, "id/programme/leading-places")
    assert "Phase 1" in svg_text(programme.svgs()[0])
    phase = thing_page(real_publisher, "id/phase/phase-2")
    summary = phase.find("p", class_="summary")[0]["text"]
    listed = len(phase.find("table", class_="partnerships")[0]["text"].split("Leading Places Phase 2:")) - 1
    assert f"{listed} of 15 named" in summary


def test_real_home_counts(real_publisher):
    page = Page(pages.home_page(real_publisher))
    assert int(page.find("dd", id="count-triples")[0]["text"].replace(",", "")) == real_publisher.store.stats().triples
    assert int(page.find("dd", id="count-graphs")[0]["text"]) == len(real_publisher.store.data_graphs())


def test_every_real_thing_has_a_page(real_publisher):
    index = pages.site_index(real_publisher)
    for iri in index.types:
        if not iri.startswith(BASE + "id/"):
            continue
        page = Page(pages.description_page(real_publisher, real_publisher.store.describe(iri)))
        assert page.find("h1") and not page.find("script"), iri
        for svg in page.svgs():
            assert svg.find(f"{SVG}title") is not None


def test_real_dataset_page_lists_dumps_by_media_type(client):
    page = client.get("/dataset", headers={"Accept": "text/html"}).get_data(as_text=True)
    for media_type in ("text/turtle", "application/n-triples", "application/n-quads", "application/trig",
                       "application/ld+json"):
        assert f"<code>{media_type}</code>" in page
    assert "iana.org/assignments" not in page
