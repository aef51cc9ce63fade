"""Language and morphology: how Arabic and English write names and the words around them.

Folding spellings, consonant skeletons across scripts, Arabic clitics and nisba forms, how a span
is read (:mod:`.readings`), word frequencies, words built on names, other spellings in use, and
what a span's words say as written.  Repair's stages (:mod:`glossary.stages`) ask these questions;
nothing here imports them."""
