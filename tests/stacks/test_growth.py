"""The promise that growing a stack never renames or re-targets what runs, held over generated stacks.

Each example is a stack of 1-6 sites over the five clouds with VPN and dedicated links through hubs, run
through the real program under the preview mocks, then grown by one step (a site, a zone at the end of a
site's list, a link, a hub) or re-ordered. Growth may add resources; it never removes an existing URN and
never changes the inputs of an existing rule, route or attachment (an attachment spanning zones may take a new
zone in addition to its own). Re-ordering changes nothing at all.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inferline.config.loader import NAMESPACE
from inferline.preview.runner import ProgramRun, pulumi_config, run_program
from tests.stacks.test_program import STACKS

#: One region per cloud with three zones, so a zone can be added at the end of any site.
PLACES = {
    "aws": ("us-east-1", ("us-east-1a", "us-east-1b", "us-east-1c")),
    "alicloud": ("cn-shanghai", ("cn-shanghai-l", "cn-shanghai-m", "cn-shanghai-n")),
    "tencentcloud": ("ap-shanghai", ("ap-shanghai-2", "ap-shanghai-4", "ap-shanghai-5")),
    "huaweicloud": ("cn-east-3", ("cn-east-3a", "cn-east-3b", "cn-east-3c")),
    "volcengine": ("cn-shanghai", ("cn-shanghai-a", "cn-shanghai-b", "cn-shanghai-c")),
}
#: Inputs of these resources are what must never change when a stack grows (Tencent's GroupRuleSet is the
#: whole rule list of one group, so a new connected site adds to it by design).
GUARDED = ("rule", "route", "attachment", "propagation", "association")


@st.composite
def stacks(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(min_value=1, max_value=6))
    clouds = draw(st.lists(st.sampled_from(sorted(PLACES)), min_size=count, max_size=count))
    slots = draw(st.lists(st.integers(min_value=0, max_value=250), min_size=count, max_size=count, unique=True))
    sites = []
    for index, (cloud, slot) in enumerate(zip(clouds, slots, strict=True)):
        region, zones = PLACES[cloud]
        sites.append({"name": f"s{index}-{cloud[:3]}", "cloud": cloud, "region": region, "zones": list(zones[:2]), "slot": slot})
    hub = {
        "name": "colo",
        "location": "Shanghai, colocation hub SH2",
        "asn": 64900,
        "cidrs": ["192.168.0.0/20"],
        "access_points": {cloud: f"ap-{cloud}" for cloud in PLACES},
    }
    pairs = [(a, b) for a, b in itertools.combinations(sites, 2) if a["cloud"] != b["cloud"] and "aws" not in (a["cloud"], b["cloud"])]
    vpns = draw(st.lists(st.sampled_from(pairs), max_size=4, unique_by=lambda pair: (pair[0]["name"], pair[1]["name"]))) if pairs else []
    lined = draw(st.lists(st.sampled_from(sites), max_size=3, unique_by=lambda site: site["name"]))
    links = [{"kind": "vpn", "between": [a["name"], b["name"]], "bandwidth_mbps": 100} for a, b in vpns]
    links += [
        {"kind": "dedicated", "between": [site["name"], "colo"], "bandwidth_mbps": 1000, "connection_id": f"dc-{site['name']}"}
        for site in lined
    ]
    return {
        "environment": "dev",
        "profile": {"name": "financial-risk"},
        "network": {"supernet": "10.0.0.0/8"},
        "sites": sites,
        # Pinned so that two generated names never derive one ASN (validation would rightly refuse them).
        "interconnect": {"hubs": [hub], "links": links, "site_asns": {site["name"]: 65000 + i for i, site in enumerate(sites) if site["cloud"] != "alicloud"}},
    }


def run(values: dict[str, Any]) -> ProgramRun:
    config, secrets = pulumi_config(values, [], NAMESPACE)
    return run_program(STACKS, "inferline", "dev", config, secrets)


def inputs_by_urn(result: ProgramRun) -> dict[str, str]:
    return {record.urn: json.dumps(record.inputs, sort_keys=True) for record in result.resources}


def assert_grown_from(before: ProgramRun, after: ProgramRun, *, zones_added: bool = False) -> None:
    """No URN removed; every guarded resource keeps its inputs. With a zone added, an attachment that spans
    zones may list the new zone too (it must, to reach it), but keeps everything it had."""
    old = {record.urn: record.inputs for record in before.resources}
    new = {record.urn: record.inputs for record in after.resources}
    assert set(old) <= set(new), f"removed: {sorted(set(old) - set(new))[:5]}"
    for urn, inputs in old.items():
        kind = urn.rsplit("::", 1)[0].lower()
        if not any(word in kind for word in GUARDED) or "groupruleset" in kind:
            continue
        if zones_added and "attachment" in kind:
            assert set(inputs) == set(new[urn]), urn
            for key, value in inputs.items():
                if isinstance(value, list):
                    assert all(item in new[urn][key] for item in value), (urn, key)
                else:
                    assert new[urn][key] == value, (urn, key)
        else:
            assert new[urn] == inputs, urn


SETTINGS = settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(stacks(), st.sampled_from(sorted(PLACES)), st.booleans())
def test_adding_a_site_or_a_link_to_it_changes_no_existing_resource(values: dict[str, Any], cloud: str, linked: bool) -> None:
    before = run(values)
    region, zones = PLACES[cloud]
    grown = json.loads(json.dumps(values))
    grown["sites"].append({"name": f"new-{cloud[:3]}", "cloud": cloud, "region": region, "zones": list(zones[:2]), "slot": 251})
    if linked:
        grown["interconnect"]["links"].append(
            {"kind": "dedicated", "between": [f"new-{cloud[:3]}", "colo"], "bandwidth_mbps": 1000, "connection_id": "dc-new"}
        )
    assert_grown_from(before, run(grown))


@SETTINGS
@given(stacks(), st.data())
def test_adding_a_zone_at_the_end_or_a_hub_changes_no_existing_resource(values: dict[str, Any], data: st.DataObject) -> None:
    before = run(values)
    grown = json.loads(json.dumps(values))
    site = data.draw(st.sampled_from(grown["sites"]))
    site["zones"].append(PLACES[site["cloud"]][1][2])
    grown["interconnect"]["hubs"].append({"name": "colo-2", "location": "Beijing", "asn": 64901, "cidrs": ["192.168.64.0/20"]})
    assert_grown_from(before, run(grown), zones_added=True)


@SETTINGS
@given(stacks(), st.randoms(use_true_random=False))
def test_reordering_sites_links_and_hubs_changes_nothing(values: dict[str, Any], random: Any) -> None:
    shuffled = json.loads(json.dumps(values))
    random.shuffle(shuffled["sites"])
    random.shuffle(shuffled["interconnect"]["links"])
    for link in shuffled["interconnect"]["links"]:
        if link["kind"] == "vpn":
            link["between"].reverse()
    assert inputs_by_urn(run(values)) == inputs_by_urn(run(shuffled))
