"""AWS: a customer-managed KMS key with an alias, the VPC's default security group emptied, security groups for GPU
nodes and the load balancer (one rule resource per rule), the site certificate imported into ACM, and a
multi-region CloudTrail trail writing to a private, versioned S3 bucket encrypted with the site key, whose server
access logs go to a separate private log bucket of the site.

Instances are reached through SSM Session Manager (the agent dials out through the NAT): no key pairs, and no
rule anywhere opens port 22."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import ClassVar

import pulumi
import pulumi_aws as aws

from inferline.clouds import CloudName
from inferline.components.network.adapters.base import NetworkOutputs
from inferline.components.security.adapters.aws_audit import (
    CLOUDTRAIL,
    account_of,
    allow,
    audit_trail,
    partition_of,
    trail_arn_of,
)
from inferline.components.security.adapters.base import EncryptionContext, SecurityOutputs, SiteCertificate, protected, rule_opts
from inferline.planning.naming import Names
from inferline.planning.security import ANYWHERE, IngressRule, SecuritySpec

#: KMS aliases: "alias/" plus letters, digits, '/', '_' and '-', 256 characters in all (CreateAlias).
_ALIAS_LIMIT = 250
#: The only characters EC2 accepts in security-group rule descriptions (IpRange API reference); the planned
#: descriptions carry an apostrophe that EC2 would reject at apply time.
_INVALID_DESCRIPTION_CHARS = re.compile(r"[^a-zA-Z0-9 ._\-:/()#,@\[\]+=;{}!$*]")
#: ip_protocol "-1" is every protocol and port; the SDK forbids from_port/to_port with it.
_ALL_PROTOCOLS = "-1"
Tags = Callable[..., dict[str, str]]


class AwsSecurity:
    cloud: ClassVar[CloudName] = "aws"

    def key(self, spec: SecuritySpec, opts: pulumi.ResourceOptions) -> EncryptionContext:
        names = spec.names
        account, partition = account_of(opts), partition_of(opts)
        audited_trail = trail_arn_of(spec, account, partition.partition) if spec.audit.enabled else None
        # CloudWatch Logs is a regional service principal; its host name ends in the partition's DNS suffix.
        logs_service = partition.dns_suffix.apply(lambda suffix: f"logs.{spec.region}.{suffix}")
        flow_log_group = (
            pulumi.Output.format("arn:{0}:logs:{1}:{2}:log-group:{3}", partition.partition, spec.region, account, spec.flow_log_group)
            if spec.flow_log_group is not None
            else None
        )
        key = aws.kms.Key(
            names.resource("kms"),
            description=f"inferline site key of {names.stack}/{names.site}",
            key_usage="ENCRYPT_DECRYPT",
            customer_master_key_spec="SYMMETRIC_DEFAULT",
            enable_key_rotation=True,
            rotation_period_in_days=spec.kms.rotation_days,
            deletion_window_in_days=spec.kms.deletion_window_days,
            policy=pulumi.Output.all(partition.partition, account, audited_trail, logs_service, flow_log_group).apply(
                lambda args: _key_policy(*args)
            ),
            tags=_tags(spec, "kms"),
            opts=protected(opts, spec),
        )
        alias = re.sub(r"[^A-Za-z0-9/_-]", "-", names.cloud("kms", limit=_ALIAS_LIMIT))
        aws.kms.Alias(names.resource("kms-alias"), name=f"alias/{alias}", target_key_id=key.key_id, opts=opts)
        return EncryptionContext(cloud=self.cloud, key_id=key.key_id, key_arn=key.arn)

    def build(
        self,
        spec: SecuritySpec,
        network: NetworkOutputs,
        encryption: EncryptionContext,
        certificate: SiteCertificate | None,
        opts: pulumi.ResourceOptions,
    ) -> SecurityOutputs:
        names = spec.names

        def tags(*parts: str) -> dict[str, str]:
            return _tags(spec, *parts)

        # Every VPC comes with a default group that admits its own members and lets everything out; anything
        # launched without a group lands in it. Adopting it with no ingress and no egress blocks removes its
        # rules (provider docs of aws_default_security_group: rules not in the configuration are revoked), so
        # nothing can use it to talk (CIS AWS Foundations 5.4: "the default security group of every VPC
        # restricts all traffic").
        aws.ec2.DefaultSecurityGroup(
            names.resource("default-sg"), vpc_id=network.vpc_id, ingress=[], egress=[], tags=tags("default-sg"), opts=opts
        )

        # AWS gives every new group an allow-all egress rule; the provider deletes it on creation, and no rule is
        # inline, so each group holds exactly the rule resources below.
        gpu_group, lb_group = (
            aws.ec2.SecurityGroup(
                names.resource(role),
                name=names.cloud(role, limit=255),
                description=description,
                vpc_id=network.vpc_id,
                tags=tags(role),
                opts=opts,
            )
            for role, description in (
                ("gpu-sg", "GPU inference nodes: serving port from the load balancer and connected sites only"),
                ("lb-sg", "Inference load balancer: TLS listener ports from the internet"),
            )
        )
        for rule in spec.gpu_ingress:
            _ingress(names, gpu_group, rule, lb_group, tags, opts)
        for rule in spec.load_balancer_ingress:
            _ingress(names, lb_group, rule, lb_group, tags, opts)
        # Routing forces egress through the NAT gateways; the group does not narrow it (model pulls, SSM and
        # package mirrors need HTTPS to changing addresses).
        aws.vpc.SecurityGroupEgressRule(
            names.resource("gpu-egress"), security_group_id=gpu_group.id, ip_protocol=_ALL_PROTOCOLS, cidr_ipv4=ANYWHERE,
            description="all egress: routed through NAT", tags=tags("gpu-egress"), opts=opts,
        )
        for rule in spec.load_balancer_egress:
            aws.vpc.SecurityGroupEgressRule(
                names.resource(rule.name), security_group_id=lb_group.id, ip_protocol="tcp",
                from_port=rule.port, to_port=rule.port, cidr_ipv4=rule.source,
                description="to GPU nodes in a private subnet", tags=tags(rule.name), opts=rule_opts(opts, names, rule),
            )

        if certificate is not None:
            # ACM import; the private key stays the secret Output it came as, the chain is the private CA.
            certificate_id = aws.acm.Certificate(
                names.resource("certificate"),
                certificate_body=certificate.certificate_pem,
                private_key=certificate.private_key_pem,
                certificate_chain=certificate.ca_certificate_pem,
                tags=tags("certificate"),
                opts=opts,
            ).arn
        elif spec.existing_certificate is not None:
            certificate_id = pulumi.Output.from_input(spec.existing_certificate)
        else:
            raise ValueError(f"site '{names.site}' has neither a certificate to upload nor an existing certificate ARN")

        return SecurityOutputs(
            encryption=encryption,
            gpu_security_group_id=gpu_group.id,
            load_balancer_security_group_id=lb_group.id,
            certificate_id=certificate_id,
            audit_trail_id=audit_trail(spec, encryption, tags, opts) if spec.audit.enabled else None,
        )


def _tags(spec: SecuritySpec, *parts: str) -> dict[str, str]:
    return {**spec.tags, "Name": spec.names.cloud(*parts, limit=255)}


def _ingress(
    names: Names, group: aws.ec2.SecurityGroup, rule: IngressRule, lb_group: aws.ec2.SecurityGroup, tags: Tags, opts: pulumi.ResourceOptions,
) -> None:
    from_lb = rule.source_kind == "load-balancer"
    aws.vpc.SecurityGroupIngressRule(
        names.resource(rule.name),
        security_group_id=group.id,
        ip_protocol="tcp",
        from_port=rule.port,
        to_port=rule.port,
        referenced_security_group_id=lb_group.id if from_lb else None,
        cidr_ipv4=None if from_lb else rule.source,
        description=_INVALID_DESCRIPTION_CHARS.sub("", rule.description),
        tags=tags(rule.name),
        opts=rule_opts(opts, names, rule),
    )


def _key_policy(partition: str, account_id: str, trail_arn: str | None, logs_service: str, flow_log_group_arn: str | None) -> str:
    # Root administers the key, so IAM policies in the account decide who else may use it (the KMS default).
    statements = [allow("AccountAdministersKey", {"AWS": f"arn:{partition}:iam::{account_id}:root"}, "kms:*", "*")]
    if trail_arn is not None:
        # CloudTrail needs GenerateDataKey* and DescribeKey, and Decrypt because the bucket has an S3 Bucket Key
        # ("Configure AWS KMS key policies for CloudTrail"). aws:SourceArn pins each grant to this site's trail in
        # this account; no encryption-context condition, since with a bucket key S3 asks KMS under the bucket's
        # context rather than the trail's.
        only_this_trail = {"aws:SourceArn": trail_arn}
        statements += [
            allow(sid, {"Service": CLOUDTRAIL}, action, "*", StringEquals=only_this_trail)
            for sid, action in (("CloudTrailEncrypts", "kms:GenerateDataKey*"), ("CloudTrailDescribesKey", "kms:DescribeKey"),
                                ("CloudTrailUsesBucketKey", "kms:Decrypt"))
        ]
    if flow_log_group_arn is not None:
        # A log group's kms_key_id works only if the key lets the region's CloudWatch Logs principal use it, and
        # CloudWatch Logs names the log group in the encryption context, so the grant is pinned to the site's
        # flow-log group ("Encrypt log data in CloudWatch Logs using AWS KMS", step 2: the key policy).
        statements.append(
            allow(
                "CloudWatchLogsEncryptsFlowLogs", {"Service": logs_service},
                ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"], "*",
                ArnEquals={"kms:EncryptionContext:aws:logs:arn": flow_log_group_arn},
            )
        )
    return json.dumps({"Version": "2012-10-17", "Statement": statements})


