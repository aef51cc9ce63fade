"""``mtrepair glossary from-wikidata --query``: the query sent to the Wikidata Query Service, its recorded
answer read (the HTTP call replaced: tests never use the network), and the README's example queries."""

from __future__ import annotations

import io
import re
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from glossary.files import load_glossary
from glossary.formats import wdqs
from glossary.formats.wikidata import column_roles
from translate.cli import main

ROOT = Path(__file__).resolve().parent.parent
RECORDED = ROOT / "tests" / "fixtures" / "wikidata" / "levant-query.json"
QUERIES = sorted((ROOT / "examples" / "wikidata").glob("*.rq"))


class Answer(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def test_the_query_is_sent_with_a_user_agent_and_its_answer_becomes_the_glossary(tmp_path, monkeypatch, capsys):
    sent = []

    def recorded(request, timeout):
        sent.append(request)
        return Answer(RECORDED.read_bytes())

    monkeypatch.setattr(urllib.request, "urlopen", recorded)
    monkeypatch.setenv("MTREPAIR_CONTACT", "desk@example.org")
    out = tmp_path / "groups.tsv"
    assert main(["glossary", "from-wikidata", "--query", str(QUERIES[0]), "-o", str(out)]) == 0
    [request] = sent
    assert request.full_url == wdqs.ENDPOINT and request.get_method() == "POST"
    agent = request.get_header("User-agent")
    assert agent.startswith("mtrepair/") and "desk@example.org" in agent
    assert urllib.parse.parse_qs(request.data.decode())["query"] == [QUERIES[0].read_text(encoding="utf-8")]
    assert [e.id for e in load_glossary(str(out)).entries] == ["Q41183", "Q238485", "Q83164", "Q28163283", "Q44329"]
    assert capsys.readouterr().err.splitlines()[-1].startswith("wrote 5 entries")


@pytest.mark.parametrize("failure, words", [
    (urllib.error.URLError(OSError(-3, "Temporary failure in name resolution")), "are you offline?"),
    (TimeoutError("timed out"), "are you offline?"),
    (urllib.error.HTTPError(wdqs.ENDPOINT, 429, "Too Many Requests", {}, io.BytesIO(b"Rate limit exceeded\n")),
     "refused the query (HTTP 429: Rate limit exceeded)"),
])
def test_offline_or_refused_is_one_line_naming_the_query(tmp_path, monkeypatch, capsys, failure, words):
    def fails(request, timeout):
        raise failure

    monkeypatch.setattr(urllib.request, "urlopen", fails)
    out = tmp_path / "g.tsv"
    assert main(["glossary", "from-wikidata", "--query", str(QUERIES[0]), "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"mtrepair: error: {QUERIES[0]}: ") and words in err[0]
    assert not out.exists()


def test_a_missing_query_file_is_one_line(tmp_path, capsys):
    assert main(["glossary", "from-wikidata", "--query", str(tmp_path / "q.rq"), "-o", str(tmp_path / "g.tsv")]) == 2
    assert capsys.readouterr().err.strip() == f"mtrepair: error: {tmp_path / 'q.rq'}: no such file"


def select_variables(query: str) -> list[str]:
    """The columns a SELECT returns: its plain ?variables and the ``AS ?name`` of its expressions."""
    text = re.sub(r"#.*", "", query)
    head = re.search(r"\bSELECT\b(.*?)\bWHERE\b", text, re.IGNORECASE | re.DOTALL)
    assert head, "not a SELECT ... WHERE query"
    clause, depth, plain = head.group(1), 0, []
    for char_index, char in enumerate(clause):
        depth += char == "("
        depth -= char == ")"
        if char == "?" and depth == 0:
            plain.append(re.match(r"\?(\w+)", clause[char_index:]).group(1))
    named = re.findall(r"\bAS\s+\?(\w+)\s*\)", clause, re.IGNORECASE)
    return plain + named


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_each_example_query_selects_the_columns_the_converter_reads(query):
    text = query.read_text(encoding="utf-8")
    columns = select_variables(text)
    roles = column_roles(columns, str(query))
    assert "item" in columns
    assert {("label", "en"), ("label", "ar"), ("alias", "en"), ("alias", "ar"), ("class", None)} <= set(roles.values())
    # The columns its header comment promises are the ones it returns.
    promised = re.search(r"^# Columns: (.*)$", text, re.MULTILINE).group(1).split()
    assert promised == columns
    assert text.count("{") == text.count("}")


def test_there_are_the_three_newsroom_queries():
    assert [q.name for q in QUERIES] == ["armed-groups-syria.rq", "governorates-and-towns.rq",
                                         "officeholders-syria-iraq.rq"]


README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_shows_each_query_with_its_columns_and_the_armed_groups_query_as_it_is():
    for query in QUERIES:
        promised = re.search(r"^# Columns: (.*)$", query.read_text(encoding="utf-8"), re.MULTILINE).group(1)
        assert f"| `{query.name}` |" in README and f"`{promised}" in README
    shown = re.search(r"```sparql\n(.*?)```", README, re.DOTALL).group(1)
    text = (ROOT / "examples" / "wikidata" / "armed-groups-syria.rq").read_text(encoding="utf-8")
    assert shown == text[text.index("SELECT"):]


def test_the_readme_shows_what_the_command_says(tmp_path, capsys):
    out = tmp_path / "levant.tsv"
    assert main(["glossary", "from-wikidata", str(RECORDED), "-o", str(out)]) == 0
    for line in capsys.readouterr().err.splitlines()[:-1]:
        assert f"\n{line}\n" in README


def test_an_answer_that_is_not_a_result_is_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(urllib.request, "urlopen", lambda request, timeout: Answer(b"<html>busy</html>"))
    assert main(["glossary", "from-wikidata", "--query", str(QUERIES[0]), "-o", str(tmp_path / "g.tsv")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"mtrepair: error: {QUERIES[0]} (the service's answer):1: not JSON") and "\n" not in err
