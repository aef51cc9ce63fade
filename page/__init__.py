"""The panels of mtrepair's web page (``app.py`` lays them out and serves them).

One module per tab, each with its handlers, the dataclass that names their outputs and the
function that builds the tab: ``translate_panel``, ``repair_panel``, ``score_panel``,
``batch_panel``, ``glossary_panel`` (the glossary every tab uses, and its tab); ``review`` (the
review of changes under Translate and Repair); ``models`` (which translation models the page
offers); ``glossary_search`` (the Glossary tab's search, through repair's matcher); ``notes``
(problems said beside their control, in an editor's words); ``markup`` (a visitor's text escaped
for Markdown); ``common`` (settings, files for downloads, the outputs base).
"""
