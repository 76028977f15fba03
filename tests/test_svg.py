"""The SVG diagrams are well-formed XML, escape their text, and draw dates at their precision."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from publisher import svg

NS = "{http://www.w3.org/2000/svg}"


def chain(label: str = "HEFCE") -> str:
    nodes = [svg.ChainNode("a", -1, 'Old <b>"body"</b> & co', "/id/organisation/old"),
             svg.ChainNode("b", 0, label, current=True),
             svg.ChainNode("c", 1, "Office for Students", "/id/organisation/office-for-students"),
             svg.ChainNode("d", 1, "Research England", "/id/organisation/research-england", "within UKRI")]
    edges = [svg.ChainEdge("a", "b", "1992"), svg.ChainEdge("b", "c", "April 2018"), svg.ChainEdge("b", "d")]
    return svg.succession_svg(nodes, edges, "Succession of <HEFCE>", "A & B")


def test_succession_svg_is_well_formed_and_accessible():
    root = ET.fromstring(chain())
    assert root.tag == NS + "svg" and root.get("role") == "img"
    assert root.find(NS + "title").text == "Succession of <HEFCE>"
    assert root.find(NS + "desc").text == "A & B"
    assert root.get("aria-labelledby") == "succession-title succession-desc"
    texts = [t.text for t in root.iter(NS + "text")]
    assert 'Old <b>"body"</b> & co' in texts and "within UKRI" in texts and "April 2018" in texts


def test_succession_svg_links_other_organisations_but_not_itself():
    root = ET.fromstring(chain())
    hrefs = {a.get("href") for a in root.iter(NS + "a")}
    assert hrefs == {"/id/organisation/old", "/id/organisation/office-for-students", "/id/organisation/research-england"}
    assert len(list(root.iter(NS + "path"))) == 4  # three arrows and the arrow head


def test_script_in_a_label_stays_text():
    text = chain("<script>alert(1)</script>")
    root = ET.fromstring(text)
    assert not list(root.iter(NS + "script")) and "<script>" not in text


def test_columns_follow_succession_levels():
    root = ET.fromstring(chain())
    xs = {}
    for group in root.iter(NS + "g"):
        rect = group.find(NS + "rect")
        xs[group.find(NS + "text").text] = float(rect.get("x"))
    assert xs['Old <b>"body"</b> & co'] < xs["HEFCE"] < xs["Office for Students"] == xs["Research England"]


def test_wrap():
    assert svg.wrap("Higher Education Funding Council for England", 25) == ["Higher Education Funding", "Council for England"]
    assert svg.wrap("a " * 40, 5, 2)[-1].endswith("…")
    assert all(len(line) <= 10 for line in svg.wrap("Supercalifragilisticexpialidocious", 10))


def timeline() -> ET.Element:
    bars = [svg.Bar("Phase 1", date(2016, 5, 1), date(2017, 4, 1), "/id/phase/phase-1", "May 2016 to March 2017"),
            svg.Bar("Phase 2", date(2017, 7, 1), date(2018, 4, 1), "/id/phase/phase-2", "July 2017 to March 2018")]
    markers = [svg.Marker("Seminar & <talk>", date(2017, 3, 28), date(2017, 3, 29), None, "28 March 2017")]
    return ET.fromstring(svg.timeline_svg(bars, markers, "Timeline of Leading Places", "Phases and events"))


def test_timeline_axis_bars_and_markers():
    root = timeline()
    texts = [t.text for t in root.iter(NS + "text")]
    assert {"2016", "2017", "2018"} <= set(texts) and "Phase 1" in texts and "Events" in texts
    assert any("Seminar & <talk>" in (t or "") for t in texts)
    rects = list(root.iter(NS + "rect"))
    assert [r.find(NS + "title").text for r in rects] == ["Phase 1: May 2016 to March 2017",
                                                         "Phase 2: July 2017 to March 2018"]


def test_a_month_covers_the_whole_month():
    scale = svg._Scale(date(2016, 5, 1), date(2018, 4, 1))
    root = timeline()
    first = list(root.iter(NS + "rect"))[0]
    x, width = float(first.get("x")), float(first.get("width"))
    assert abs(x - scale.x(date(2016, 5, 1))) < 0.1
    assert abs(x + width - scale.x(date(2017, 4, 1))) < 0.1  # to the end of March 2017
