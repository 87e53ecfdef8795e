"""The keys the interconnect generates: RandomPassword made with exactly the planned settings, behind the prefix."""

from __future__ import annotations

import pulumi
import pulumi_random as random
import pytest

from inferline.clouds.interconnect import KEY_KINDS, KeyKind
from inferline.components.interconnect.component import secret_key
from inferline.planning.keys import key_settings
from inferline.preview.runner import run_under_mocks
from tests.support import named

PASSWORD = "random:index/randomPassword:RandomPassword"


def wire(name: str) -> str:
    """The name a RandomPassword argument is recorded under (min_upper: minUpper)."""
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


class Holder(pulumi.ComponentResource):
    def __init__(self, kind: KeyKind) -> None:
        super().__init__("test:index:Holder", "holder")
        provider = random.Provider("random")
        key = secret_key(f"key-{kind}", self, provider, kind)
        pulumi.export("key", key)
        self.register_outputs({})


@pytest.mark.parametrize("kind", KEY_KINDS)
def test_random_password_inputs_are_exactly_the_planned_settings(kind: KeyKind) -> None:
    run = run_under_mocks(lambda: Holder(kind) and None)
    password = named(run, f"key-{kind}")
    assert password.type == PASSWORD
    assert password.inputs == {wire(name): value for name, value in key_settings(kind).random_password_args().items()}
    assert password.parent == named(run, "holder").urn
    assert password.provider is not None and password.provider.startswith(named(run, "random").urn)
    assert run.outputs["key"] == "<secret>"  # the key (prefix and password) stays a secret
