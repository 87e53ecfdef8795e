"""The offline preview fails where `pulumi preview` would, and knows only what a real first preview knows."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws
import pytest

from inferline.components.interconnect.huaweicloud.dc import VirtualGateway
from inferline.preview.mocks import DuplicateUrnError, plausible_arn
from inferline.preview.record import COMPUTED
from inferline.preview.runner import run_under_mocks
from inferline.preview.schema import InputCheckError


def _provider(region: str = "us-east-1") -> pulumi.ResourceOptions:
    return pulumi.ResourceOptions(provider=aws.Provider("p", region=region))


def test_two_resources_with_one_urn_fail_the_preview() -> None:
    def program() -> None:
        opts = _provider()
        aws.ec2.Vpc("v", cidr_block="10.0.0.0/16", opts=opts)
        aws.ec2.Vpc("v", cidr_block="10.1.0.0/16", opts=opts)

    with pytest.raises(DuplicateUrnError, match=r"duplicate resource URN '.*aws:ec2/vpc:Vpc::v'"):
        run_under_mocks(program)


def test_a_first_preview_knows_no_id_nor_computed_output_but_knows_inputs() -> None:
    def program() -> None:
        opts = _provider()
        vpc = aws.ec2.Vpc("v", cidr_block="10.0.0.0/16", opts=opts)
        aws.ec2.Subnet("s", vpc_id=vpc.id, cidr_block="10.0.0.0/20", opts=opts)
        pulumi.export("vpc_id", vpc.id)
        pulumi.export("arn", vpc.arn)
        pulumi.export("cidr", vpc.cidr_block)  # an input, echoed back: known
        pulumi.export("id_as_text", vpc.id.apply(lambda vpc_id: f"id={vpc_id}"))

    run = run_under_mocks(program)
    vpc = next(r for r in run.resources if r.name == "v")
    subnet = next(r for r in run.resources if r.name == "s")
    assert vpc.id == COMPUTED
    assert subnet.inputs["vpcId"] == COMPUTED
    assert run.outputs == {"vpc_id": COMPUTED, "arn": COMPUTED, "cidr": "10.0.0.0/16", "id_as_text": COMPUTED}


def test_an_update_preview_knows_ids_a_bucket_id_is_its_name_and_arns_carry_the_partition() -> None:
    def program() -> None:
        opts = _provider("cn-north-1")
        bucket = aws.s3.Bucket("b", bucket="audit-logs-cn", opts=opts)
        role = aws.iam.Role("r", assume_role_policy="{}", opts=opts)
        pulumi.export("bucket_id", bucket.id)
        pulumi.export("bucket_arn", bucket.arn)
        pulumi.export("role_arn", role.arn)

    run = run_under_mocks(program, first_preview=False)
    assert run.outputs["bucket_id"] == "audit-logs-cn"
    assert run.outputs["bucket_arn"] == "arn:aws-cn:s3:cn-north-1:123456789012:audit-logs-cn"
    assert run.outputs["role_arn"].startswith("arn:aws-cn:iam::123456789012:")


def test_the_caller_identity_and_arns_in_a_china_region_are_in_the_aws_cn_partition() -> None:
    def program() -> None:
        opts = pulumi.InvokeOptions(provider=aws.Provider("p", region="cn-northwest-1"))
        identity = aws.get_caller_identity_output(opts=opts)
        pulumi.export("arn", identity.arn)
        pulumi.export("partition", aws.get_partition_output(opts=opts).partition)

    run = run_under_mocks(program)
    assert run.outputs == {"arn": "arn:aws-cn:iam::123456789012:user/offline-preview", "partition": "aws-cn"}
    assert plausible_arn("aws:kms/key:Key", "cn-north-1", "k").startswith("arn:aws-cn:kms:cn-north-1:")
    assert plausible_arn("aws:kms/key:Key", "eu-west-1", "k").startswith("arn:aws:kms:eu-west-1:")


def test_an_input_the_sdk_does_not_declare_fails_the_preview() -> None:
    def program() -> None:
        pulumi.CustomResource("aws:ec2/vpc:Vpc", "v", {"cidrBlock": "10.0.0.0/16", "cidrBlok": "10.0.0.0/16"}, _provider())

    with pytest.raises(InputCheckError, match=r"aws:ec2/vpc:Vpc::v: cidrBlok: is not an input of aws:ec2/vpc:Vpc"):
        run_under_mocks(program)


def test_an_input_of_the_wrong_primitive_type_fails_the_preview() -> None:
    def program() -> None:
        aws.ec2.Vpc("v", cidr_block=16, enable_dns_support="yes", opts=_provider())  # type: ignore[arg-type]

    with pytest.raises(InputCheckError) as caught:
        run_under_mocks(program)
    message = str(caught.value)
    assert "aws:ec2/vpc:Vpc::v: cidrBlock: expected str, got int 16" in message
    assert "aws:ec2/vpc:Vpc::v: enableDnsSupport: expected bool, got str 'yes'" in message


def test_unknown_inputs_pass_the_type_check() -> None:
    def program() -> None:
        opts = _provider()
        vpc = aws.ec2.Vpc("v", cidr_block="10.0.0.0/16", opts=opts)
        aws.ec2.Subnet("s", vpc_id=vpc.id, cidr_block=vpc.ipv6_cidr_block, opts=opts)

    run_under_mocks(program)


def test_a_dynamic_provider_check_failure_fails_the_preview_naming_resource_and_property() -> None:
    def program() -> None:
        VirtualGateway("vgw", region="cn-north-4", name="bad name!", vpc_id="vpc-1", local_ep_group=["10.0.0.0/16"])

    with pytest.raises(InputCheckError, match=r"pulumi-python:dynamic/huaweicloud:VirtualGateway::vgw: name: must be"):
        run_under_mocks(program)


def test_a_dynamic_provider_check_treats_unknown_inputs_as_unknown() -> None:
    def program() -> None:
        vpc = aws.ec2.Vpc("v", cidr_block="10.0.0.0/16", opts=_provider())  # any unknown id will do
        VirtualGateway("vgw", region="cn-north-4", name="vgw-1", vpc_id=vpc.id, local_ep_group=["10.0.0.0/16"])

    run = run_under_mocks(program)
    assert next(r for r in run.resources if r.name == "vgw").inputs["vpc_id"] == COMPUTED


def test_the_recorded_unknown_is_the_sdks_own_marker() -> None:
    from pulumi.runtime import rpc

    from inferline.preview.record import plain_value

    assert plain_value(rpc.UNKNOWN) == COMPUTED
    assert plain_value({"a": [rpc.UNKNOWN]}) == {"a": [COMPUTED]}


def test_nested_input_names_and_types_are_checked_by_path() -> None:
    def program() -> None:
        rule = {"applyServerSideEncryptionByDefault": {"sseAlgorithm": "aws:kms", "kmsMasterKeyIdd": "k"}, "bucketKeyEnabled": "yes"}
        resource_type = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
        pulumi.CustomResource(resource_type, "sse", {"bucket": "b", "rules": [rule]}, _provider())

    with pytest.raises(InputCheckError) as caught:
        run_under_mocks(program)
    message = str(caught.value)
    assert "::sse: rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyIdd: is not an input of" in message
    assert "::sse: rules[0].bucketKeyEnabled: expected bool, got str 'yes'" in message
