"""Running a SPARQL query on the Wikidata Query Service (``mtrepair glossary from-wikidata --query``).

The service asks every client for a User-Agent that names it and a way to
reach its author (its User-Agent policy); a request without one may be
refused.  The answer is the same JSON a download gives
(glossary.formats.wikidata reads it).
"""

from __future__ import annotations

import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from .wikidata import WikidataError

ENDPOINT = "https://query.wikidata.org/sparql"
# Who runs the query, for the service's operators: an e-mail address or a web page of the newsroom.
CONTACT_VARIABLE = "MTREPAIR_CONTACT"
TIMEOUT_S = 90  # the service itself stops a query after 60 s


def read_query(path: str) -> str:
    """The query text of a ``.rq`` file; raises WikidataError naming the file."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise WikidataError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise WikidataError(f"{path}: cannot be read ({getattr(error, 'strerror', None) or error})") from None
    if not text.strip():
        raise WikidataError(f"{path}: empty query")
    return text


def user_agent() -> str:
    """``mtrepair/VERSION (glossary from-wikidata; CONTACT) python-urllib``, as the policy asks."""
    from translate.cli import version

    contact = os.environ.get(CONTACT_VARIABLE, "").strip() or f"no contact given: set {CONTACT_VARIABLE}"
    return f"mtrepair/{version().split()[0]} (glossary from-wikidata; {contact}) python-urllib"


def run_query(query: str, path: str) -> bytes:
    """The service's JSON answer to ``query`` (from file ``path``); one-line errors when offline or refused."""
    body = urllib.parse.urlencode({"query": query}).encode("utf-8")
    request = urllib.request.Request(ENDPOINT, data=body, method="POST", headers={
        "User-Agent": user_agent(), "Accept": "application/sparql-results+json",
        "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            return response.read()
    except urllib.error.HTTPError as error:
        first = error.read(2000).decode("utf-8", "replace").strip().splitlines()
        why = f": {first[0][:200]}" if first else ""
        raise WikidataError(f"{path}: the Wikidata Query Service refused the query (HTTP {error.code}{why})") from None
    except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError) as error:
        reason = getattr(error, "reason", error)
        raise WikidataError(f"{path}: cannot reach the Wikidata Query Service ({reason}); are you offline? "
                            f"Run the query at query.wikidata.org, download the result (JSON, CSV or TSV) "
                            f"and give that file instead") from None
