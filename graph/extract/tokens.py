"""A doc's token attributes read once, as lists of strings, for the code that walks every token.

The relation rules' word index (`Paragraph.find`) and the classifier's pair features read the
lower-case form, lemma, dependency label, part of speech and text of every token. Asking each
spaCy `Token` for them builds a Python object per token and decodes each string again;
`Doc.to_array` copies their string ids in C, and each id is decoded once per process.
`Tokens.of(doc)` reads a doc once for all its readers (the typer, the rules, the classifier)
and forgets it with the doc.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_PUNCT, LEMMA, LOWER, ORTH, POS
from spacy.tokens import Doc

_COLUMNS = [LOWER, LEMMA, DEP, POS, ORTH, ENT_TYPE, HEAD, IS_PUNCT, IDX]
_QUOTES = {"“", "”", '"', "``", "''"}
_MAX_CACHED = 1 << 19
_strings: dict[int, str] = {}
_lowered: dict[int, str] = {}
_read: WeakKeyDictionary[Doc, Tokens] = WeakKeyDictionary()


class Tokens:
    """Per token of one doc: `lower`, `lemma` (lower-cased), `dep`, `pos`, `text`, `head` (index),
    `entity` (has an entity type), `punct` and `idx` (where it starts in the doc's text); each
    list is indexed like the doc.

    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> t = Tokens(Doc(spacy.blank("en").vocab, words=["Ann", "Lee", "left", "."]))
    >>> t.lower, t.text[-1], t.punct
    (['ann', 'lee', 'left', '.'], '.', [False, False, False, True])
    """

    __slots__ = ("lower", "lemma", "dep", "pos", "text", "head", "entity", "punct", "idx")

    def __init__(self, doc: Doc) -> None:
        if len(_strings) > _MAX_CACHED:  # a corpus of many distinct words: start over rather than grow
            _strings.clear()
            _lowered.clear()
        columns = doc.to_array(_COLUMNS).T.tolist() if len(doc) else [[] for _ in _COLUMNS]
        lower, lemma, dep, pos, text, entity, head, punct, self.idx = columns
        self.lower = self._decode(doc, lower)
        self.lemma = self._decode(doc, lemma, _lowered, lowered=True)
        self.dep = self._decode(doc, dep)
        self.pos = self._decode(doc, pos)  # part-of-speech ids are symbols of the string store
        self.text = self._decode(doc, text)
        self.entity = [e != 0 for e in entity]
        self.head = [i + (h - (1 << 64) if h >= 1 << 63 else h) for i, h in enumerate(head)]  # offsets, stored unsigned
        self.punct = [p != 0 for p in punct]

    @classmethod
    def of(cls, doc: Doc) -> Tokens:
        """The doc's tokens, read on the first call for that doc."""
        found = _read.get(doc)
        if found is None:
            found = _read[doc] = cls(doc)
        return found

    @staticmethod
    def _decode(doc: Doc, ids: list[int], cache: dict[int, str] = _strings, lowered: bool = False) -> list[str]:
        """The strings of the ids (lower-cased when asked), from a per-process cache filled on first sight."""
        get = cache.get
        found = [get(i) for i in ids]
        if None in found:
            strings = doc.vocab.strings
            for n, i in enumerate(ids):
                if found[n] is None:
                    found[n] = cache[i] = strings[i].lower() if lowered else strings[i]
        return found  # type: ignore[return-value]  # every None was filled


def quoted(texts: list[str], start: int = 0, end: int | None = None) -> set[int]:
    """Indices of the tokens (given by their texts) in texts[start:end] inside quotation marks:
    a speaker's words, not facts about the speaker nor antecedents."""
    inside, depth = set(), False
    for i in range(start, len(texts) if end is None else end):
        text = texts[i]
        if text in _QUOTES:
            depth = text in {"“", "``"} or (text == '"' and not depth)
            continue
        if depth:
            inside.add(i)
    return inside
