"""Topic names and synonyms searched through one short term per topic.

A citizen types `so do`, `ho khau` or `GPXD`; the registry (`topics.yaml`) lists those as
synonyms of a topic. Copying every synonym into every item of the topic made each search
record three times longer (the sample's topics have 20 to 60 synonym words), and Pagefind's
indexing time and the bytes a query fetches grow with that. Instead, a record carries one
term per topic (`zq` and letters, a prefix no Vietnamese word has) when it is tagged with the
topic or when its text says one of the topic's phrases; the search page replaces a phrase
the reader types by that term (`search_assets/search.js`, `searchTerm`). Phrases are
compared as keys: accent-free, lower case, punctuation trimmed, as the page compares words.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from .vietnamese import fold, normalise

TERM_PREFIX = "zq"
EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")
LETTERS = re.compile(r"[^\W_]+")


def key_words(text: str) -> list[str]:
    """`Sổ đỏ,` -> ['so', 'do']: what the search page's `wordKey` makes of each word."""
    words = (EDGE_PUNCTUATION.sub("", word) for word in fold(normalise(text)).lower().split())
    return [word for word in words if word]


def _term(topic_ids: Iterable[str]) -> str:
    """A stable word of letters only for a set of topics (Pagefind keeps letters together)."""
    digest = hashlib.sha1("\n".join(sorted(topic_ids)).encode("utf-8")).hexdigest()[:10]
    return TERM_PREFIX + "".join(chr(ord("a") + int(c, 16)) for c in digest)


class TopicTerms:
    """Which term each phrase stands for, and which terms a record carries."""

    def __init__(self, topics: Iterable[Any]):
        groups: dict[str, set[str]] = defaultdict(set)
        for topic in topics:
            for phrase in (topic.name, *topic.synonyms):
                if words := key_words(phrase):
                    groups[" ".join(words)].add(topic.id)
        # A phrase of several topics (rare) gets a term of its own, carried by all of them.
        self.phrases = {phrase: _term(ids) for phrase, ids in sorted(groups.items())}
        self.by_topic: dict[str, set[str]] = defaultdict(set)
        self.by_first_word: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for phrase, ids in groups.items():
            for topic_id in ids:
                self.by_topic[topic_id].add(self.phrases[phrase])
            if words := LETTERS.findall(phrase):
                self.by_first_word[words[0]].append((f" {' '.join(words)} ", self.phrases[phrase]))

    def terms(self, text: str, topics: Iterable[str] = ()) -> list[str]:
        """The terms of the record's topics and of every topic phrase its (normalised) text
        says. Text is cut at any punctuation here, which only ever finds more phrases than
        the page's word keys would: indexing 200,000 records must stay cheap."""
        found = {term for topic in topics for term in self.by_topic.get(topic, ())}
        words = LETTERS.findall(fold(text).lower())
        padded = f" {' '.join(words)} "
        for word in set(words) & self.by_first_word.keys():
            found.update(term for phrase, term in self.by_first_word[word] if phrase in padded)
        return sorted(found)
