"""mtrepair glossaries: Arabic-aware name matching and repair of MT output.

``data/levant-news.tsv`` is the default glossary for Iraq/Syria/Levant news
(governorates, cities, armed groups and parties, state bodies, public
figures, communities), written by the project from public knowledge.  Its
columns follow the glossary file format: ``id, en, ar, type, note``, with
alternatives in a cell separated by `` | `` and the preferred form first.
"""
