"""The facilitator's debrief documents: the after-action report and the handouts.

`facts` reads a loaded save into typed records (pure, no I/O; the replay
viewer can reuse them); `markdown`, `html` and `svg` render them; `handouts`
renders a scenario's seat pages and facilitator sheet; `escape` is the one
place where untrusted text is made safe for Markdown and HTML.
"""
