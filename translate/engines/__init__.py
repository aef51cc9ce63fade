"""Translation engines: one model loaded once, sentences in, hypotheses out.

- :mod:`.base`: what every engine shares (``BatchedTranslator``,
  ``DecodingOptions``, ``Hypothesis``) and the decoding defaults;
- :mod:`.spec`: ``TranslatorSpec`` and ``make_translator``, the one way a
  translator is built (command line, web page, Ray workers);
- :mod:`.transformers` (PyTorch) and :mod:`.ctranslate2`, the two engines;
- :mod:`.models` (which model, and loading it), :mod:`.language_tokens`
  (what a multilingual model is told), :mod:`.conversion` (the CTranslate2
  copies of models), :mod:`.library_logs` (the libraries kept quiet).

Nothing is imported here, so that naming the package loads no PyTorch.
"""
