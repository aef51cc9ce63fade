"""What the libraries print: kept off stderr, which is for mtrepair's own progress bar and messages.

The libraries are quieted where they are, never imported for it: importing
transformers only to set its logging costs about half a second and 36 MB,
which the CTranslate2 engine never needs (it reads OPUS-MT's tokenizer with
sentencepiece alone).  :func:`quiet_libraries` records the setting and
applies it to whichever library is already imported; the code that imports
one later (the transformers engine, a Hugging Face tokenizer, the
conversion, a hub download) calls :func:`keep_quiet` right after.
"""

from __future__ import annotations

import sys

_quiet: bool | None = None  # the setting of the last quiet_libraries(); None: never asked, leave them alone


def quiet_libraries(quiet: bool) -> None:
    """Keep stderr for mtrepair's own progress bar and messages.

    Library warnings about generation settings mean nothing to a user; the
    hub's download bars do (a first run fetches about 1 GB per direction) unless --quiet.
    """
    global _quiet
    _quiet = quiet
    keep_quiet()


def keep_quiet() -> None:
    """Apply :func:`quiet_libraries`' setting to transformers and huggingface_hub, those of them imported."""
    if _quiet is None:
        return
    if "transformers" in sys.modules:
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
    if "huggingface_hub" in sys.modules:
        from huggingface_hub.utils import disable_progress_bars, enable_progress_bars

        if _quiet:
            disable_progress_bars()
        else:
            enable_progress_bars()
