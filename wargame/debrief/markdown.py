"""Documents in Markdown: readable raw in a terminal, and rendered well on GitHub and GitLab.

Every string is escaped here (`escape.md`, `md_block`, `md_code`); a chart
becomes text bars in a fenced block (`textchart`).
"""

from __future__ import annotations

from wargame.debrief import doc, textchart
from wargame.debrief.escape import md, md_block, md_code, md_fence


def inline(spans: doc.Inline, *, cell: bool = False) -> str:
    """A line of spans, escaped (`cell`: inside a table, where `|` ends a cell even in code)."""
    out = []
    for span in spans:
        if isinstance(span, doc.Code):
            code = md_code(span.text)
            out.append(code.replace("|", "\\|") if cell else code)
        elif isinstance(span, doc.Strong):
            out.append(f"**{md(span.text, cell=cell)}**" if span.text else "")
        else:
            out.append(md(span, cell=cell))
    text = "".join(out)
    return text if text or not cell else " "


def block(b: doc.Block) -> str:
    """One block, escaped."""
    if isinstance(b, doc.Heading):
        return f"{'#' * b.level} {inline(b.text)}"
    if isinstance(b, doc.Para):
        return inline(b.text)
    if isinstance(b, doc.Prose):
        return md_block(b.text)
    if isinstance(b, doc.Items):
        lines = []
        for item in b.items:
            lines.append(f"- {inline(item.text)}")
            lines += [f"  - {inline(sub)}" for sub in item.sub]
        return "\n".join(lines)
    if isinstance(b, doc.Table):
        out = ["| " + " | ".join(inline(c, cell=True) for c in b.headers) + " |"]
        out.append("|" + "---|" * len(b.headers))
        out += ["| " + " | ".join(inline(c, cell=True) for c in row) + " |" for row in b.rows]
        return "\n".join(out)
    if isinstance(b, doc.Chart):
        return md_fence(textchart.chart(b))
    return "---"  # a page break: a rule between pages


def render(d: doc.Document) -> str:
    """The whole document in Markdown."""
    return "\n\n".join(block(b) for b in d.blocks if block(b)) + "\n"
