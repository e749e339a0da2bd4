"""Polarity and modality of a verb (and of a noun its determiner denies): whether a clause states a fact at all.

Denied, refused, negated ("was not acquired", "denied it plans to buy", "talks collapsed"),
attempted ("tried to buy"), possible or conditional ("could buy", "if confirmed, would lead") and
planned ("will open", "plans to open") acts are no facts; every extractor asks here.
"""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract import lexicon


def negated(verb: Token) -> bool:
    """A verb denied, refused or negated, itself or by a verb it depends on, only attempted, only
    possible or conditional ("could buy", "if confirmed, would lead"), or only alleged: "was not acquired", "denied it plans to buy", "rejected an offer to buy", "talks to
    buy ... collapsed", "tried to buy", "charged with killing", "on suspicion of killing"; also
    through the claim a content clause states ("denied reports that it plans to buy": the clause
    says what the reports say)."""
    node = verb
    for _ in range(5):
        if any(c.dep_ == "neg" for c in node.children) or node.lemma_.lower() in lexicon.NEGATING_VERBS:
            return True
        if any(c.dep_ == "aux" and c.lower_ in _SPECULATIVE for c in node.children) or _conditional(node):
            return True  # "X could buy Y", "if confirmed, X would lead Y": a possibility, not a fact
        if node is not verb and node.lemma_.lower() in lexicon.ATTEMPT_VERBS:
            return True
        if node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head.lemma_.lower() in lexicon.ALLEGING_WORDS:
            return True  # "charged with | killing X": the act is what the charge says
        if _claimed(node):
            node = node.head.head  # the clause -> its noun -> the verb that takes the noun
            continue
        if node.dep_ not in {"xcomp", "ccomp", "conj", "acl", "advcl", "relcl"} or node.head is node:
            return False
        node = node.head
    return False


_SPECULATIVE = frozenset({"could", "might", "may"})


def _conditional(verb: Token) -> bool:
    """Whether a verb holds only under a condition: an "if" or "unless" clause hangs on it."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in c.children) for c in verb.children)


def _claimed(clause: Token) -> bool:
    """A "that" clause stating the content of a noun that is a verb's object or subject ("reports
    that it plans to buy X" in "denied reports ...", "claims that ... were dismissed")."""
    noun = clause.head
    return (
        clause.dep_ == "acl"
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
        and noun.pos_ == "NOUN"
        and noun.dep_ in {"dobj", "nsubj", "nsubjpass"}
        and noun.head is not noun
    )


def planned(verb: Token) -> bool:
    """'will open', 'plans to open': a future or intended act, not a fact yet."""
    return verb.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ in {"will", "would", "to", "'ll", "shall"} for c in verb.children)


def none(noun: Token) -> bool:
    """A noun its determiner denies: "X has no offices in Y", "no plants"."""
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)
