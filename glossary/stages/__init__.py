"""The stages of repair, in order: find the source's names (:mod:`.matcher`, :mod:`.ambiguity`),
find candidate spans (:mod:`.candidates`), measure their evidence (:mod:`.evidence`,
:mod:`.completion`), decide (:mod:`.decision`, :mod:`.confidence`, :mod:`.invariants`) and verify
(:mod:`.verify`).  :mod:`glossary.repair` runs them for each line, placing each source name in the
translation (:mod:`.placement`)."""
