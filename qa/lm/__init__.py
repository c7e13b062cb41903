"""The statistical layer: an offline n-gram model that judges how well words fit their context.

- :mod:`qa.lm.model`: the trigram model (shipped in the pocketsphinx wheel), loaded on use;
- :mod:`qa.lm.runs`: the word sequences of a document the model reads;
- :mod:`qa.lm.related`: related word forms (generated from WordNet by scripts/build_related.py);
- :mod:`qa.lm.contrast`: alternatives that fit a word's context much better;
- :mod:`qa.lm.synonyms`: thesaurus synonyms (WordNet synsets, by scripts/build_synonyms.py);
- :mod:`qa.lm.wordtable`: the layout and lookup those generated tables share;
- :mod:`qa.lm.pairs`: two neighbouring words a spinner swapped for synonyms, mended together;
- :mod:`qa.lm.boundary`: full stops that cut one sentence in two (a clause left standing alone);
- :mod:`qa.lm.stats`: ``document_stats(source)`` for the learned document score.

Nothing here is imported until a contrast rule runs or someone asks for the statistics.
"""

from __future__ import annotations


def document_stats(source) -> dict[str, float]:
    """Language-model and contrast statistics of one document (see :mod:`qa.lm.stats`)."""
    from qa.lm.stats import document_stats as compute

    return compute(source)
