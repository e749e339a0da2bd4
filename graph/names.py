"""Name normalisation: the one key under which two written names count as the same name.

Every stage that compares names (mention typing votes, resolution across articles, the
benchmarks) uses `name_key`, so a name never votes under one spelling and merges under another.
"""

from __future__ import annotations

import re
import unicodedata

# Other written forms of a country: the same place.
COUNTRY_VARIANTS: dict[str, str] = {
    "U.S.": "United States", "US": "United States", "U.S.A.": "United States",
    "USA": "United States", "America": "United States", "United States of America": "United States",
    "U.K.": "United Kingdom", "UK": "United Kingdom", "Britain": "United Kingdom",
    "Great Britain": "United Kingdom", "PRC": "China", "People's Republic of China": "China",
    "UAE": "United Arab Emirates", "Holland": "Netherlands", "Russian Federation": "Russia",
}


def name_key(name: str) -> str:
    """Case-, accent-, spacing- and punctuation-free form of a name; country variants folded.

    >>> name_key("São  Paulo") == name_key("Sao Paulo") == "saopaulo"
    True
    >>> name_key("U.S.") == name_key("United States")
    True
    """
    folded = unicodedata.normalize("NFKD", COUNTRY_VARIANTS.get(name.strip(), name.strip())).casefold()
    return re.sub(r"[\W_]+", "", "".join(ch for ch in folded if not unicodedata.combining(ch)))
