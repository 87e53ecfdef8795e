"""The shipped example, a user's own program importing inferline as a library, previews offline."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from inferline.policies.rules import ResourceView, evaluate
from inferline.preview.runner import run_program

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "one-site"


def test_the_one_site_example_builds_a_site_and_passes_the_policies() -> None:
    run = run_program(EXAMPLE, "my-inference", "dev", {}, [])
    types = Counter(record.type for record in run.resources)
    assert types["inferline:site:Site"] == 1
    assert types["alicloud:vpc/network:Network"] == 1 and types["alicloud:vpc/switch:Switch"] >= 2
    assert types["alicloud:kms/key:Key"] == 1
    site = next(record for record in run.resources if record.type == "inferline:site:Site")
    assert site.urn.startswith("urn:pulumi:dev::my-inference::") and site.urn.endswith("inferline:site:Site::hz")
    assert run.outputs["vpcId"]
    views = [
        ResourceView(record.urn, record.type, record.inputs, {key: tuple(urns) for key, urns in record.property_dependencies.items()})
        for record in run.resources
    ]
    findings = evaluate(views)
    assert findings and not [(rule, f) for rule, found in findings.items() for f in found if f.outcome == "violation"]
