from __future__ import annotations

import gc
import warnings

import pulumi
import pulumi_aws as aws
import pytest

from inferline.preview.mocks import UnknownInvokeError, plausible_arn, plausible_id
from inferline.preview.record import COMPUTED, SECRET, plain_value
from inferline.preview.runner import run_under_mocks


def test_an_unknown_invoke_fails_the_preview() -> None:
    with pytest.raises(UnknownInvokeError) as raised:
        run_under_mocks(lambda: aws.get_availability_zones() and None)
    assert raised.value.token == "aws:index/getAvailabilityZones:getAvailabilityZones"


def test_ids_are_plausible_and_stable() -> None:
    assert plausible_id("aws:ec2/vpc:Vpc", "a-vpc") == plausible_id("aws:ec2/vpc:Vpc", "a-vpc")
    assert plausible_id("aws:ec2/vpc:Vpc", "a-vpc").startswith("vpc-")
    assert plausible_id("aws:ec2/natGateway:NatGateway", "n").startswith("nat-gateway-")
    assert plausible_id("aws:ec2/vpc:Vpc", "a-vpc") != plausible_id("aws:ec2/vpc:Vpc", "b-vpc")
    assert plausible_arn("aws:iam/role:Role", "us-east-1", "role-1") == "arn:aws:iam::123456789012:role-1"
    assert plausible_arn("aws:cloudwatch/logGroup:LogGroup", "eu-west-1", "g") == "arn:aws:logs:eu-west-1:123456789012:g"


def test_computed_outputs_stay_unknown_and_secrets_stay_secret() -> None:
    def program() -> None:
        provider = aws.Provider("p", region="us-east-1")
        vpc = aws.ec2.Vpc("v", cidr_block="10.0.0.0/16", opts=pulumi.ResourceOptions(provider=provider))
        aws.ec2.Subnet(
            "s",
            vpc_id=vpc.id,
            cidr_block="10.0.0.0/20",
            availability_zone=vpc.default_network_acl_id,  # computed by the cloud: unknown at preview
            tags={"token": pulumi.Output.secret("hunter2")},
            opts=pulumi.ResourceOptions(provider=provider),
        )

    run = run_under_mocks(program)
    subnet = next(r for r in run.resources if r.name == "s")
    vpc = next(r for r in run.resources if r.name == "v")
    assert subnet.inputs["vpcId"] == vpc.id
    assert subnet.inputs["availabilityZone"] == COMPUTED
    assert subnet.inputs["tags"] == {"token": SECRET}
    assert subnet.property_dependencies["vpcId"] == [vpc.urn]
    assert vpc.urn in subnet.dependencies
    assert "hunter2" not in repr(run.resources)


@pytest.mark.parametrize(
    ("wire", "plain"),
    [
        pytest.param("04da6b54-80e4-46f7-96ec-b56ff0331ba9", COMPUTED, id="unknown"),
        pytest.param({"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "value": "x"}, SECRET, id="secret"),
        pytest.param({"4dabf18193072939515e22adb298388d": "5cf8f73096256a8f31e491e813e4eb8e", "urn": "urn:a"}, "urn:a", id="resource-reference"),
        pytest.param(20.0, 20, id="whole-number"),
        pytest.param({"b": [1.5, "04da6b54-80e4-46f7-96ec-b56ff0331ba9"], "a": True}, {"a": True, "b": [1.5, COMPUTED]}, id="nested"),
    ],
)
def test_plain_value(wire: object, plain: object) -> None:
    assert plain_value(wire) == plain


def test_a_run_closes_the_event_loops_of_its_worker_threads() -> None:
    def program() -> None:
        provider = aws.Provider("p", region="us-east-1")
        for index in range(8):
            aws.ec2.Vpc(f"v{index}", cidr_block=f"10.{index}.0.0/16", opts=pulumi.ResourceOptions(provider=provider))

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        run = run_under_mocks(program)
        gc.collect()
    assert len(run.resources) == 9
    assert [str(warning.message) for warning in caught if issubclass(warning.category, ResourceWarning)] == []
