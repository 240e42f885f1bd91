"""Documents as one self-contained HTML file: for a projector, and for print.

No network: no script, no external style sheet, font or image; charts are
inline SVG (`svg`). Every string is escaped here (`escape.h`).
"""

from __future__ import annotations

from wargame.debrief import doc, svg
from wargame.debrief.escape import h

STYLE = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 20px;
       line-height: 1.45; max-width: 60em; margin: 1.5em auto; padding: 0 1em; color: #111;
       background: #fff; }
h1 { font-size: 1.8em; margin-bottom: .2em; }
h2 { font-size: 1.4em; border-bottom: 2px solid #333; margin-top: 1.8em; }
h3 { font-size: 1.15em; margin-top: 1.3em; }
table { border-collapse: collapse; margin: .6em 0; }
th, td { border: 1px solid #888; padding: .2em .5em; text-align: left; vertical-align: top; }
th { background: #eee; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
       font-size: .9em; }
hr.page-break { border: 0; border-top: 3px double #888; margin: 2em 0; }
.chart { width: 100%; max-width: 40em; height: auto; display: block; margin: .5em 0; }
.chart .axis { stroke: #333; stroke-width: 1.5; }
.chart .goal { stroke: #a00; stroke-width: 1.5; stroke-dasharray: 6 4; }
.chart .series { fill: none; stroke: #1f5fa8; stroke-width: 3; }
.chart .dot { fill: #1f5fa8; }
.chart text { font-family: inherit; font-size: 14px; fill: #111; }
.chart .chart-title { font-weight: bold; font-size: 16px; }
@media print {
  body { font-size: 11pt; max-width: none; margin: 0; padding: 0; }
  h2, h3 { break-after: avoid; }
  table, .chart, li { break-inside: avoid; }
  hr.page-break { border: 0; margin: 0; break-after: page; }
}
"""


def inline(spans: doc.Inline) -> str:
    """A line of spans, escaped."""
    out = []
    for span in spans:
        if isinstance(span, doc.Code):
            out.append(f"<code>{h(span.text)}</code>")
        elif isinstance(span, doc.Strong):
            out.append(f"<strong>{h(span.text)}</strong>")
        else:
            out.append(h(span))
    return "".join(out)


def block(b: doc.Block) -> str:
    """One block, escaped."""
    if isinstance(b, doc.Heading):
        level = min(max(b.level, 1), 6)
        return f"<h{level}>{inline(b.text)}</h{level}>"
    if isinstance(b, doc.Para):
        return f"<p>{inline(b.text)}</p>"
    if isinstance(b, doc.Prose):
        paragraphs = [p.strip() for p in b.text.split("\n\n") if p.strip()]
        return "\n".join(f"<p>{h(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    if isinstance(b, doc.Items):
        lines = ["<ul>"]
        for item in b.items:
            sub = ""
            if item.sub:
                sub = "<ul>" + "".join(f"<li>{inline(s)}</li>" for s in item.sub) + "</ul>"
            lines.append(f"<li>{inline(item.text)}{sub}</li>")
        lines.append("</ul>")
        return "\n".join(lines)
    if isinstance(b, doc.Table):
        head = "".join(f"<th>{inline(c)}</th>" for c in b.headers)
        rows = [f"<table><thead><tr>{head}</tr></thead><tbody>"]
        for row in b.rows:
            first, *rest = row
            cells = f'<th scope="row">{inline(first)}</th>' + "".join(
                f"<td>{inline(c)}</td>" for c in rest
            )
            rows.append(f"<tr>{cells}</tr>")
        rows.append("</tbody></table>")
        return "\n".join(rows)
    if isinstance(b, doc.Chart):
        return svg.line_chart(b)
    return '<hr class="page-break">'


def render(d: doc.Document) -> str:
    """The whole document: one HTML file that needs nothing outside itself."""
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{h(d.title)}</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
            *(block(b) for b in d.blocks),
            "</body>",
            "</html>",
            "",
        ]
    )
