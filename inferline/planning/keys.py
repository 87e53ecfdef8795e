"""How the interconnect's keys are generated: settings every cloud's rule accepts at once.

Pre-shared keys (a VPN link's ``{name}-psk``) and BGP MD5 keys (a dedicated line's ``{site}-bgp-key-{hub}``)
come from pulumi-random's ``RandomPassword`` behind a fixed letter. The settings are derived here, from the
rules in ``inferline.clouds.interconnect.KEY_RULES`` (each with its source), so that one key fits whichever
clouds the link joins:

* length: 32 characters in all, inside every cloud's range (AWS psk 8-64, Alibaba 1-100, Huawei psk 8-128,
  Volcano Engine psk up to 100; AWS and Volcano Engine BGP keys 6-80, Huawei BGP 8-255);
* specials: only those in every set a cloud names, for either kind (``override_special``): ``._``, since AWS
  takes no other punctuation in a pre-shared key and the Alibaba, Huawei and Volcano Engine sets contain both.
  Where a cloud names no set (Tencent's psk; the AWS, Alibaba and Tencent BGP keys), nothing more is relied on;
* classes: at least ``MIN_PER_CLASS`` of each of upper case, lower case, digits and specials, so every key
  mixes all four (Huawei wants three of four for a psk, two for a BGP key);
* first character: RandomPassword cannot constrain it, and AWS refuses a pre-shared key that starts with "0"
  (hub routers such as Cisco IOS refuse a BGP password that starts with a digit), so the key is a fixed upper-case
  letter followed by ``length - 1`` random characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inferline.clouds.interconnect import ANY_SPECIAL, KEY_RULES, UPPER, KeyKind, KeyRule

#: A key's total length: the prefix letter and the random part.
KEY_LENGTH = 32
#: The least number of characters of each class in the random part.
MIN_PER_CLASS = 2


@dataclass(frozen=True)
class KeySettings:
    """A key is ``prefix`` followed by a RandomPassword made with ``random_password_args()``."""

    kind: KeyKind
    prefix: str
    length: int  # of the random part
    override_special: str
    min_upper: int
    min_lower: int
    min_numeric: int
    min_special: int

    @property
    def total_length(self) -> int:
        return len(self.prefix) + self.length

    def random_password_args(self) -> dict[str, Any]:
        """Exactly the RandomPassword inputs (every one stated, none left to the provider's defaults)."""
        return {
            "length": self.length,
            "upper": True,
            "lower": True,
            "numeric": True,
            "special": True,
            "override_special": self.override_special,
            "min_upper": self.min_upper,
            "min_lower": self.min_lower,
            "min_numeric": self.min_numeric,
            "min_special": self.min_special,
        }


def key_settings(kind: KeyKind, rules: dict[Any, KeyRule] = KEY_RULES, length: int = KEY_LENGTH) -> KeySettings:
    """The generator settings that every cloud's ``kind`` rule in ``rules`` accepts; ValueError if none can."""
    relevant = [rule for rule in rules.values() if rule.kind == kind]
    for rule in relevant:
        if length < rule.min_length or (rule.max_length is not None and length > rule.max_length):
            raise ValueError(f"a {length}-character {kind} key is outside {rule.cloud}'s {rule.min_length}-{rule.max_length}")
    # Specials every cloud allows, in a stable order. Where a source names no set (Tencent's psk, the AWS,
    # Alibaba and Tencent BGP keys), nothing beyond the punctuation every named set of either kind shares is
    # relied on: one alphabet for every key.
    specials = "".join(char for char in ANY_SPECIAL if all(char in rule.allowed_specials for rule in rules.values()))
    if not specials:
        raise ValueError(f"no special character is allowed by every cloud's {kind} rule")
    forbidden = "".join(rule.forbidden_first for rule in relevant)
    prefix = next((char for char in UPPER if char not in forbidden), None)
    if prefix is None:
        raise ValueError(f"every upper-case letter is a forbidden first character of a {kind} key")
    return KeySettings(
        kind=kind,
        prefix=prefix,
        length=length - len(prefix),
        override_special=specials,
        min_upper=MIN_PER_CLASS,
        min_lower=MIN_PER_CLASS,
        min_numeric=MIN_PER_CLASS,
        min_special=MIN_PER_CLASS,
    )
