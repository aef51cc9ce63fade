"""Text a visitor typed or uploaded, made safe to put in the page's Markdown.

Gradio sanitises the HTML its Markdown makes, but a name such as ``**Mosul**``, ``[x](javascript:…)``
or ``<img …>`` would still be read as formatting, a link or a tag before that.  Every value that did not
come from the page itself (a file name, an entry id, a message quoting a file) goes through
:func:`escaped` first, so that it shows as the characters typed.
"""

from __future__ import annotations

import re

# CommonMark lets any ASCII punctuation be escaped with a backslash; these are the ones that start
# formatting, links, lists, tables, headings, HTML or (``$``) Gradio's LaTeX.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$>])")


def escaped(text: str) -> str:
    """``text`` as literal Markdown: formatting characters backslash-escaped, ``<``, ``>`` and ``&`` as
    HTML entities (no tag, comment or entity survives), line breaks kept as they were."""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;")
    return _MARKDOWN.sub(r"\\\1", text).replace("\\>", "&gt;")
