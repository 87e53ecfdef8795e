"""The provider-check tables (``inferline.clouds.provider_checks``) and the preview's check over a record.

Each row is held three ways: it names a real input of a real type, the shipped stacks reach it with a known
value (a row nothing reaches checks nothing), and a value its rule refuses, put where the row points in a
shipped record, is reported at that path. The rules themselves are checked on their own below.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
from pathlib import Path
from typing import Any

import pulumi_alicloud
import pulumi_aws
import pulumi_huaweicloud
import pulumi_volcengine
import pytest
import tencentcloud_iac_pulumi

from inferline.clouds.provider_checks import (
    TABLES,
    AtLeastOneOf,
    Between,
    Cidr,
    ConflictsWith,
    IpAddress,
    Items,
    LengthBetween,
    Matches,
    OneOf,
    Rule,
)
from inferline.config.loader import NAMESPACE, read_stack_file
from inferline.preview.provider_values import check_provider_values, values_at
from inferline.preview.record import COMPUTED, SECRET, ResourceRecord
from inferline.preview.runner import pulumi_config, run_program
from inferline.preview.schema import input_schema

#: ``input_schema`` finds a type among the resource modules an SDK registers when it is imported.
SDKS = (pulumi_alicloud, pulumi_aws, pulumi_huaweicloud, pulumi_volcengine, tencentcloud_iac_pulumi)
STACKS = Path(__file__).resolve().parents[2] / "stacks"
SOURCE = "test"

ROWS = [
    pytest.param(token, path, rule, id=f"{token}:{path}:{type(rule).__name__}")
    for table in TABLES.values()
    for token, paths in table.items()
    for path, rules in paths.items()
    for rule in rules
]


@functools.cache
def shipped_records() -> tuple[ResourceRecord, ...]:
    records = []
    for stack in ("dev", "staging", "prod"):
        values, secret_keys = read_stack_file(STACKS / f"Pulumi.{stack}.yaml")
        config, secrets = pulumi_config(values, secret_keys, NAMESPACE)
        records += run_program(STACKS, "inferline", stack, config, secrets).resources
    return tuple(records)


def record(inputs: dict[str, Any], token: str = "test:index/thing:Thing") -> ResourceRecord:
    return ResourceRecord(urn=f"urn:{token}::x", type=token, name="x", custom=True, parent=None, provider=None, inputs=inputs)


def known(value: Any) -> bool:
    if isinstance(value, list):
        return all(known(item) for item in value)
    if isinstance(value, dict):
        return all(known(item) for item in value.values())
    return value not in (COMPUTED, SECRET)


def refused_value(rule: Rule, value: Any) -> Any:
    """A value ``rule`` refuses in place of ``value`` (of the same shape where that matters)."""
    candidates: list[Any]
    if isinstance(rule, OneOf):
        candidates = ["inferline-not-allowed", -987654321]
    elif isinstance(rule, Between):
        candidates = [rule.high + 1 if rule.high is not None else None, rule.low - 1 if rule.low is not None else None]
    elif isinstance(rule, LengthBetween):
        candidates = ["x" * (rule.high + 1), "x" * max(rule.low - 1, 0)]
    elif isinstance(rule, Items):
        item = value[0] if isinstance(value, list) and value else value
        candidates = [[item] * (rule.high + 1) if rule.high is not None else None, [] if rule.low else None]
    else:
        candidates = ["", "!", "-", "x" * 300, "0.0.0.0/33", "not an address"]
    return next(candidate for candidate in candidates if candidate is not None and rule.refuses(candidate) is not None)


def set_at(inputs: dict[str, Any], where: str, value: Any) -> None:
    """Put ``value`` at a concrete path such as ``rules[1].port``."""
    *parents, last = where.split(".")
    node: Any = inputs
    for segment in [*parents, last]:
        name, _, index = segment.partition("[")
        if segment is last and not index:
            node[name] = value
            return
        node = node[name]
        if index:
            position = int(index.rstrip("]"))
            if segment is last:
                node[position] = value
                return
            node = node[position]


@pytest.mark.parametrize(("token", "path", "rule"), ROWS)
def test_every_row_names_a_declared_input_and_has_a_source(token: str, path: str, rule: Rule) -> None:
    schema = input_schema(token)
    assert schema is not None, f"{token} is not a type of the installed SDK"
    top = path.split(".", 1)[0].removesuffix("[]")
    assert top in schema.types, f"{top} is not an input of {token}"
    assert rule.source.strip(), "every rule names the validator it copies"
    if isinstance(rule, ConflictsWith):
        assert all(other.split(".", 1)[0] in schema.types for other in rule.others)
    if isinstance(rule, AtLeastOneOf):
        assert path in rule.inputs and set(rule.inputs) <= set(schema.types)


@pytest.mark.parametrize(("token", "path", "rule"), ROWS)
def test_every_row_is_reached_by_a_shipped_stack_and_refuses_a_bad_value_there(token: str, path: str, rule: Rule) -> None:
    if isinstance(rule, AtLeastOneOf):  # judged once per resource: without any of its inputs, the resource is refused
        found = next((found for found in shipped_records() if found.type == token), None)
        assert found is not None, f"no shipped stack declares {token}: the row checks nothing"
        broken = dataclasses.replace(found, inputs={name: value for name, value in found.inputs.items() if name not in rule.inputs})
        assert any(problem.property == path and rule.source in problem.message for problem in check_provider_values(broken))
        return
    reached = [(found, where, value) for found in shipped_records() if found.type == token for where, value in values_at(found.inputs, path)]
    assert reached, f"no shipped stack sets {path} on {token}: the row checks nothing"
    if isinstance(rule, ConflictsWith):
        found, where, _ = reached[0]
        broken = dataclasses.replace(found, inputs=copy.deepcopy(found.inputs))
        broken.inputs[rule.others[0].split(".", 1)[0]] = "set"
        assert where in {problem.property for problem in check_provider_values(broken)}
        return
    found, where, value = next(((f, w, v) for f, w, v in reached if known(v)), reached[0])
    assert known(value), f"{path} on {token} is never known in a shipped stack"
    assert rule.refuses(value) is None  # the shipped value passes
    broken = dataclasses.replace(found, inputs=copy.deepcopy(found.inputs))
    set_at(broken.inputs, where, refused_value(rule, value))
    assert any(problem.property == where and rule.source in problem.message for problem in check_provider_values(broken))


def test_the_shipped_stacks_pass_every_row() -> None:
    assert [problem for found in shipped_records() for problem in check_provider_values(found)] == []


@pytest.mark.parametrize(
    ("rule", "good", "bad", "message"),
    [
        pytest.param(OneOf(("HTTPS", "HTTP"), SOURCE), "HTTPS", "https", "'https' is not one of ['HTTPS', 'HTTP']", id="one-of"),
        pytest.param(OneOf(("HTTPS",), SOURCE, ignore_case=True), "https", "tcp", "'tcp' is not one of ['HTTPS']", id="one-of-any-case"),
        pytest.param(OneOf((1, 2), SOURCE), 2, 3, "3 is not one of [1, 2]", id="one-of-ints"),
        pytest.param(Between(1, 600, SOURCE), 600, 601, "601 is outside 1..600", id="between-high"),
        pytest.param(Between(1, 600, SOURCE), 1, 0, "0 is outside 1..600", id="between-low"),
        pytest.param(Between(10, None, SOURCE), 10**9, 9, "9 is outside 10..", id="at-least"),
        pytest.param(Between(None, 5, SOURCE), -3, 6, "6 is outside ..5", id="at-most"),
        pytest.param(Between(0, 1, SOURCE), 0.5, True, "True is not a number", id="between-bool"),
        pytest.param(Matches(r"^[a-z][a-z0-9-]*$", SOURCE), "a-1", "1a", "'1a' does not match '^[a-z][a-z0-9-]*$'", id="matches"),
        pytest.param(Matches(r"[0-9]", SOURCE), "ab1", "abc", "'abc' does not match '[0-9]'", id="matches-is-a-search"),
        pytest.param(LengthBetween(2, 4, SOURCE), "abcd", "abcde", "'abcde' is not 2-4 characters long", id="length"),
        pytest.param(Cidr(SOURCE), "10.0.0.0/16", "10.0.0.1/16", "'10.0.0.1/16' is not a network in CIDR notation", id="cidr-host-bits"),
        pytest.param(Cidr(SOURCE, strict=False), "10.0.0.1/16", "10.0.0.1", "'10.0.0.1' has no prefix length", id="cidr-no-prefix"),
        pytest.param(IpAddress(SOURCE, version=4), "192.0.2.1", "2001:db8::1", "'2001:db8::1' is not an IPv4 address", id="ipv4"),
        pytest.param(IpAddress(SOURCE), "2001:db8::1", "192.0.2.300", "'192.0.2.300' is not an IP address", id="ip"),
        pytest.param(Items(1, 2, SOURCE), ["a", "b"], ["a", "b", "c"], "has 3 items; the provider takes 1..2", id="items-high"),
        pytest.param(Items(1, None, SOURCE), ["a"], [], "has 0 items; the provider takes 1..", id="items-low"),
    ],
)
def test_each_rule_passes_the_good_value_and_refuses_the_bad_one(rule: Rule, good: Any, bad: Any, message: str) -> None:
    assert isinstance(rule, Between | Cidr | IpAddress | Items | LengthBetween | Matches | OneOf)
    assert rule.refuses(good) is None
    assert rule.refuses(bad) == message


def test_one_of_several_inputs_must_be_set_known_or_not(monkeypatch: pytest.MonkeyPatch) -> None:
    token = "test:index/thing:Thing"
    rules = {"password": (AtLeastOneOf(("password", "keyPairName"), "v4"),)}
    monkeypatch.setattr("inferline.preview.provider_values.rules_for", lambda found: rules if found == token else {})
    assert check_provider_values(record({"keyPairName": COMPUTED}, token)) == []
    assert check_provider_values(record({"password": SECRET}, token)) == []
    problems = check_provider_values(record({"imageId": "img-1", "password": None}, token))
    assert [(problem.property, problem.message) for problem in problems] == [("password", "one of password, keyPairName must be set (v4)")]


def test_paths_walk_objects_lists_and_one_element_blocks() -> None:
    inputs = {
        "port": 443,
        "rules": [{"port": 1}, None, {"port": 3}, {"other": 4}],
        "block": {"port": 5},
        "empty": None,
    }
    assert list(values_at(inputs, "port")) == [("port", 443)]
    assert list(values_at(inputs, "rules[].port")) == [("rules[0].port", 1), ("rules[2].port", 3)]
    assert list(values_at(inputs, "block[].port")) == [("block.port", 5)]
    assert list(values_at(inputs, "block.port")) == [("block.port", 5)]
    assert list(values_at(inputs, "rules")) == [("rules", inputs["rules"])]
    assert list(values_at(inputs, "empty.port")) == []
    assert list(values_at(inputs, "missing[]")) == []


def test_unknown_and_secret_values_are_not_judged_nor_is_a_conflict_with_an_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    token = "test:index/thing:Thing"
    rules = {"port": (Between(1, 10, "v1"),), "name": (OneOf(("a",), "v2"),), "cidr": (ConflictsWith(("ipv6",), "v3"),)}
    monkeypatch.setattr("inferline.preview.provider_values.rules_for", lambda found: rules if found == token else {})
    assert check_provider_values(record({"port": COMPUTED, "name": SECRET, "cidr": COMPUTED, "ipv6": "::/0"}, token)) == []
    # As Terraform's check: an unknown on either side of a conflict is not judged; a secret is known, only hidden.
    assert check_provider_values(record({"cidr": "10.0.0.0/8", "ipv6": COMPUTED}, token)) == []
    assert check_provider_values(record({"cidr": {"a": [COMPUTED]}, "ipv6": "::/0"}, token)) == []
    problems = check_provider_values(record({"port": 11, "name": "b", "cidr": "10.0.0.0/8", "ipv6": SECRET}, token))
    assert [(problem.property, problem.message) for problem in problems] == [
        ("port", "11 is outside 1..10 (v1)"),
        ("name", "'b' is not one of ['a'] (v2)"),
        ("cidr", "is set together with ipv6 (v3)"),
    ]
    assert check_provider_values(dataclasses.replace(record({"port": 11}, token), custom=False)) == []
    assert check_provider_values(record({"port": 11}, "other:index/thing:Thing")) == []


def test_a_refused_value_fails_the_preview_naming_the_resource_and_input(monkeypatch: pytest.MonkeyPatch) -> None:
    from inferline.preview.runner import run_under_mocks
    from inferline.preview.schema import InputCheckError

    token = "aws:cloudwatch/logGroup:LogGroup"
    rules = {"retentionInDays": (OneOf((1, 3, 5, 7, 14, 30), "a retention the provider takes"),)}
    monkeypatch.setattr("inferline.preview.provider_values.rules_for", lambda found: rules if found == token else {})
    run_under_mocks(lambda: pulumi_aws.cloudwatch.LogGroup("kept", retention_in_days=30))
    with pytest.raises(InputCheckError) as raised:
        run_under_mocks(lambda: pulumi_aws.cloudwatch.LogGroup("odd", retention_in_days=31))
    (problem,) = raised.value.problems
    assert (problem.urn.endswith("::odd"), problem.property) == (True, "retentionInDays")
    assert problem.message == "31 is not one of [1, 3, 5, 7, 14, 30] (a retention the provider takes)"
