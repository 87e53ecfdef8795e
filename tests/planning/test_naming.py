from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from inferline.planning.naming import Names, shorten


def test_resource_names_derive_from_site_role_and_zone() -> None:
    names = Names(stack="prod", site="tc-sh")
    assert names.resource("vpc") == "tc-sh-vpc"
    assert names.resource("private", "ap-shanghai-4") == "tc-sh-private-ap-shanghai-4"
    assert names.cloud("nat", "ap-shanghai-4") == "inferline-prod-tc-sh-nat-ap-shanghai-4"


def test_long_cloud_names_keep_a_stable_hash() -> None:
    names = Names(stack="a-very-long-stack-name-for-testing", site="site-with-long-name")
    name = names.cloud("private-rt", "ap-southeast-1a", limit=40)
    assert name == "inferline-a-very-long-stack-name-77d14d"  # cut at 40, trailing '-' dropped, hash of the full name
    assert name == names.cloud("private-rt", "ap-southeast-1a", limit=40)
    assert name != names.cloud("private-rt", "ap-southeast-1b", limit=40)


@given(st.text(alphabet="abc-", min_size=1, max_size=200), st.integers(min_value=10, max_value=100))
def test_shorten_never_exceeds_the_limit(name: str, limit: int) -> None:
    short = shorten(name, limit)
    assert len(short) <= limit
    assert short == name or len(name) > limit
