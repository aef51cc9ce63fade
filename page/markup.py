"""Text a visitor typed or uploaded, made safe to put in the page's Markdown.

Gradio sanitises the HTML its Markdown makes, but a name such as ``**Mosul**``, ``[x](javascript:…)``
or ``<img …>`` would still be read as formatting, a link or a tag before that.  Every value that did not
come from the page itself (a file name, an entry id, a name of the source, a message quoting a file)
goes through :func:`escaped` first, so that it shows as the characters typed.
"""

from __future__ import annotations

import re

# Characters that start emphasis, code, links (and so images: "![" needs "["), tables, strikethrough,
# Gradio's LaTeX ($) or HTML anywhere in a line; CommonMark lets any of them be escaped with a backslash.
_ANYWHERE = re.compile(r"([\\`*_{}\[\]|~$])")
# ... and those that start a heading, quote, list or rule only at the start of a line ("1. ", "- ").
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+(?=[.)]))", re.MULTILINE)


def escaped(text: str) -> str:
    """``text`` as literal Markdown: formatting characters backslash-escaped, ``<``, ``>`` and ``&`` as
    HTML entities (no tag, comment or entity survives), line breaks kept as they were.  Text without
    such characters ("FLORES-101 example names") is unchanged, for programs that read it too."""
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _ANYWHERE.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + ("\\" + m.group(2) if not m.group(2).isdigit()
                                                   else m.group(2) + "\\"), text)
