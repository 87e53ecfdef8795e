"""The interconnect's key generator: settings that every cloud's rule accepts, for pre-shared and BGP keys."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inferline.clouds import CATALOG
from inferline.clouds.interconnect import DIGITS, KEY_KINDS, KEY_RULES, LOWER, UPPER, KeyKind, KeyRule, character_classes
from inferline.components.interconnect.huaweicloud.dc import _acceptable_md5_key
from inferline.components.interconnect.huaweicloud.vpn import _PSK_SPECIALS, _psk_problem
from inferline.planning.keys import KEY_LENGTH, KeySettings, key_settings

CLASSES = ("min_upper", "min_lower", "min_numeric", "min_special")


def rules(kind: KeyKind) -> list[KeyRule]:
    return [rule for rule in KEY_RULES.values() if rule.kind == kind]


def test_every_cloud_has_a_rule_with_a_source_for_each_kind() -> None:
    assert set(KEY_RULES) == {(cloud, kind) for cloud in CATALOG for kind in KEY_KINDS}
    for rule in KEY_RULES.values():
        assert rule.source and rule.argument, rule
        assert rule.specials is None or set(rule.specials) <= set(string.punctuation), rule


def test_the_huawei_providers_checks_and_the_table_agree() -> None:
    assert KEY_RULES["huaweicloud", "psk"].specials == _PSK_SPECIALS
    assert KEY_RULES["huaweicloud", "psk"].min_classes == 3
    assert KEY_RULES["huaweicloud", "bgp"].min_classes == 2


@pytest.mark.parametrize("kind", KEY_KINDS)
def test_the_settings_satisfy_every_clouds_rule(kind: KeyKind) -> None:
    chosen = key_settings(kind)
    args = chosen.random_password_args()
    # Every class is switched on and required: each key mixes all four, at least three everywhere.
    assert all(args[flag] for flag in ("upper", "lower", "numeric", "special"))
    assert all(args[name] >= 1 for name in CLASSES)
    assert sum(args[name] >= 1 for name in CLASSES) >= 3
    assert sum(args[name] for name in CLASSES) <= args["length"]  # RandomPassword refuses more minimums than length
    # The specials are in every cloud's allowed set, and AWS's ("._") bounds them.
    assert args["override_special"] == "._"
    for rule in rules(kind):
        assert set(args["override_special"]) <= set(rule.allowed_specials), rule.cloud
        # The whole key's length is in every range.
        assert rule.min_length <= chosen.total_length == KEY_LENGTH, rule.cloud
        assert rule.max_length is None or chosen.total_length <= rule.max_length, rule.cloud
        # The first character is the fixed prefix, never one a cloud forbids (AWS: "0"); a letter also counts
        # towards the classes.
        assert chosen.prefix not in rule.forbidden_first, rule.cloud
        assert rule.min_classes <= 4
    assert len(chosen.prefix) == 1 and chosen.prefix in UPPER


def test_settings_that_no_cloud_could_take_are_refused() -> None:
    with pytest.raises(ValueError, match="outside aws's 8-64"):
        key_settings("psk", length=65)
    with pytest.raises(ValueError, match="outside huaweicloud's 8-255"):
        key_settings("bgp", length=7)
    no_specials = {**KEY_RULES, ("aws", "psk"): KeyRule("aws", "psk", "x", 8, 64, specials="", source="test")}
    with pytest.raises(ValueError, match="no special character"):
        key_settings("psk", rules=no_specials)


@st.composite
def generated_keys(draw: st.DrawFn, chosen: KeySettings) -> str:
    """A key as pulumi-random makes one under ``chosen``: the minimum of each class, the rest from the whole
    alphabet, shuffled; behind the fixed prefix."""
    args = chosen.random_password_args()
    # pulumi-random draws only from the classes switched on, and honours a class's minimum only then.
    classes = [
        (UPPER, "upper", "min_upper"),
        (LOWER, "lower", "min_lower"),
        (DIGITS, "numeric", "min_numeric"),
        (args["override_special"], "special", "min_special"),
    ]
    enabled = [(alphabet, args[minimum]) for alphabet, flag, minimum in classes if args[flag]]
    chars = [draw(st.sampled_from(alphabet)) for alphabet, count in enabled for _ in range(count)]
    rest = args["length"] - len(chars)
    chars += draw(st.lists(st.sampled_from("".join(alphabet for alphabet, _ in enabled)), min_size=rest, max_size=rest))
    return chosen.prefix + "".join(draw(st.permutations(chars)))


@settings(max_examples=300, deadline=None)
@given(generated_keys(key_settings("psk")))
def test_every_generated_pre_shared_key_is_accepted_everywhere(key: str) -> None:
    assert len(key) == KEY_LENGTH and character_classes(key) == 4
    assert {rule.cloud: rule.problem(key) for rule in rules("psk")} == dict.fromkeys(CATALOG)
    assert _psk_problem(key) is None  # the Huawei provider's own check at `up`


@settings(max_examples=300, deadline=None)
@given(generated_keys(key_settings("bgp")))
def test_every_generated_bgp_key_is_accepted_everywhere(key: str) -> None:
    assert len(key) == KEY_LENGTH and character_classes(key) == 4
    assert {rule.cloud: rule.problem(key) for rule in rules("bgp")} == dict.fromkeys(CATALOG)
    assert _acceptable_md5_key(key)  # the Huawei provider's own check


@pytest.mark.parametrize(
    ("cloud", "kind", "key"),
    [
        ("aws", "psk", "0Abcdefg12"),  # starts with zero
        ("aws", "psk", "Abc-defg12"),  # a hyphen
        ("aws", "psk", "Abc12"),  # too short
        ("huaweicloud", "psk", "abcdefghijklmnop"),  # letters only: the old generator's keys
        ("huaweicloud", "psk", "Abc defg12"),  # a space
        ("huaweicloud", "bgp", "abcdefghij"),  # one class
        ("volcengine", "bgp", "Abc&defg12"),  # "&" is not in its set
        ("alicloud", "psk", "A" * 101),  # too long
    ],
)
def test_each_rule_refuses_what_its_source_forbids(cloud: str, kind: KeyKind, key: str) -> None:
    problem = KEY_RULES[cloud, kind].problem(key)  # type: ignore[index]
    assert problem is not None and key not in problem


def test_the_old_letters_only_keys_fail_huawei() -> None:
    old = "AbcdefghijklmnopqrstuvwxyzABCDEF"  # RandomPassword(length=32, special=False, numeric=False)
    assert KEY_RULES["huaweicloud", "psk"].problem(old) is not None
    assert _psk_problem(old) is not None
