"""Glossary files: reading and writing each format (TSV/CSV tables, TBX, JSON), what every format
can hold, the problems a file may have, and the checks of a whole glossary.  :mod:`.files` picks
the format by extension."""
