"""Hostile text in a scenario or a save cannot inject markup into the report.

Markup payloads ride in the scenario (title, a seat's name, a track's name), the
save (players' names) and the log (a draft's title). Terminal escapes
(tests/escapes.py) cannot reach a save any more (the loaders refuse them), so
the renderers are checked with them directly, in every kind of block.
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown_it

from tests.debrief.test_report import self_contained
from tests.engine.builders import scenario
from tests.escapes import ALL, raw_controls
from tests.saves.games import T0, T1
from wargame.debrief import doc, html, markdown
from wargame.debrief.escape import md, md_code
from wargame.debrief.facts import report_facts
from wargame.debrief.handouts import handouts
from wargame.debrief.report import report
from wargame.game import Game
from wargame.saves import SaveMeta, SaveSeat, load_save_bytes, save_bytes, scenario_source

MARKUP = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![i](javascript:alert(2))",
    "<img src=x onerror=alert(3)>",
    "a | b || c",
    "# heading",
    "- item",
    "1. item",
    "**bold** _it_ ~~s~~ $x$ `code`",
    "&lt;b&gt; &amp;",
    "```",
    "\\",
]
HOSTILE = " ".join(MARKUP)


def hostile_save(tmp_path: Path) -> Path:
    base = scenario(rounds=3)
    data = base.model_dump(mode="json", exclude_none=True)
    data["title"] = HOSTILE[:80]
    data["summary"] = HOSTILE[:200]
    data["seats"][0]["name"] = "<img src=x onerror=alert(1)>|"
    data["tracks"][0]["name"] = "``` <b>|"
    sc = type(base).model_validate(data)
    title = HOSTILE.replace("\\", "/")  # a backslash would escape the closing quote
    game = Game.start(sc, 3)
    game.apply(f'fr table d1 "{title}" substantive tags=ceasefire')
    game.play_round({"fr": ["fr vote d1 yes"], "ru": ["ru vote d1 no"]})
    seats = {s.id: SaveSeat(name=s.name, player="**Ann** | <b>Bo</b>") for s in sc.seats}
    meta = SaveMeta(scenario_source(sc), seats, T0)
    path = tmp_path / "hostile.toml"
    path.write_bytes(save_bytes(game, meta, updated=T1))
    return path


def rendered(tmp_path: Path) -> tuple[str, str]:
    loaded = load_save_bytes(hostile_save(tmp_path).read_bytes(), "hostile.toml")
    document = report(report_facts(loaded.game, loaded.document))
    return markdown.render(document), html.render(document)


def test_html_escapes_every_payload(tmp_path: Path) -> None:
    _, page = rendered(tmp_path)
    self_contained(page)  # no <script>, no <img>, no href or src anywhere
    assert raw_controls(page) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;|" in page


def test_terminal_escapes_are_shown_inert_in_every_block() -> None:
    spans = doc.line(ALL, doc.Code(ALL), doc.Strong(ALL))
    document = doc.Document(
        ALL,
        (
            doc.Heading(2, spans),
            doc.Para(spans),
            doc.Prose(ALL + "\n\n" + ALL),
            doc.Items((doc.Item(spans, (spans,)),)),
            doc.table([spans, ALL], [[spans, ALL]]),
            doc.Chart(ALL, (1, 2), 0, 10, suffix=ALL),
            doc.PageBreak(),
        ),
    )
    for text in (markdown.render(document), html.render(document)):
        assert raw_controls(text) == []
        assert "␛]0;pwned␇" in text


def test_markdown_neutralises_every_payload(tmp_path: Path) -> None:
    text, _ = rendered(tmp_path)
    assert raw_controls(text) == []
    out = markdown_it.MarkdownIt("gfm-like").render(text)
    assert "<script" not in out and "<img" not in out and "<a " not in out
    assert "javascript:" in out and not re.findall(r"<[^>]*javascript:", out)  # text, never a tag
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<h1>After-action report: " in out and out.count("<h1>") == 1
    for table in re.findall(r"<table>.*?</table>", out, re.S):
        widths = {
            len(re.findall(r"<t[hd]", row)) for row in re.findall(r"<tr>.*?</tr>", table, re.S)
        }
        assert len(widths) == 1, table  # no `|` split a cell


def test_each_payload_renders_as_itself_in_markdown() -> None:
    parser = markdown_it.MarkdownIt("gfm-like")
    for payload in MARKUP:
        out = parser.render(md(payload))
        assert out.startswith("<p>") and out.count("<") == 2, (payload, out)  # <p> ... </p> only
        cell = parser.render(f"| a |\n|---|\n| {md(payload, cell=True)} |")
        assert cell.count("<td>") == 1 and "<a " not in cell and "<script" not in cell
    assert parser.render(md_code("a ` b")).count("<code>") == 1


def test_handouts_of_a_hostile_scenario_inject_nothing() -> None:
    base = scenario(rounds=3)
    data = base.model_dump(mode="json", exclude_none=True)
    data["title"] = HOSTILE[:80]
    data["briefing"] = "\n".join(MARKUP) + "\n\n" + HOSTILE
    data["seats"][0]["name"] = "<img src=x onerror=alert(1)>|"
    data["seats"][0]["briefing"] = "\n".join(MARKUP)
    data["seats"][0]["objectives"] = [
        {"id": "o1", "text": HOSTILE[:4000], "when": "tension > 0", "points": 1, "secret": True}
    ]
    pages = handouts(type(base).model_validate(data))
    for page in (*(p for _, p in pages.seats), pages.facilitator, pages.all_pages()):
        self_contained(html.render(page))
        out = markdown_it.MarkdownIt("gfm-like").render(markdown.render(page))
        assert "<script" not in out and "<img" not in out and "<a " not in out
        assert not re.findall(r"<h[1-6]>\s*heading", out)  # `# heading` stayed text
