"""The ground floor: what every package of mtrepair uses and nothing of mtrepair is imported by.

Errors with their exit codes (:mod:`.errors`), writing files atomically
(:mod:`.outputs`), reading and writing documents (:mod:`.formats`), language
codes (:mod:`.languages`) and signals (:mod:`.signals`).  ``glossary`` and
``eval`` import from here and from no other part of ``translate``.
"""
