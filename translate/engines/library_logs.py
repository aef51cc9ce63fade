"""What the libraries print: kept off stderr, which is for mtrepair's own progress bar and messages."""

from __future__ import annotations


def quiet_libraries(quiet: bool) -> None:
    """Keep stderr for mtrepair's own progress bar and messages.

    Library warnings about generation settings mean nothing to a user; the
    hub's download bars do (a first run fetches about 1 GB per direction) unless --quiet.
    """
    import huggingface_hub
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    if quiet:
        huggingface_hub.utils.disable_progress_bars()
    else:
        huggingface_hub.utils.enable_progress_bars()
