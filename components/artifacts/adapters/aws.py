"""AWS: an ECR repository (immutable tags, encrypted with the site key), a private, versioned S3 model bucket
encrypted with the site key, a Secrets Manager secret for the serving token (created empty: the value is the
user's), and the node identity: an IAM role for EC2 with an instance profile and one inline policy that lets
it pull this repository, read this bucket's weights, read this secret and decrypt with the site key."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import ClassVar

import pulumi
import pulumi_aws as aws

from inferline.clouds import CloudName
from inferline.components.artifacts.adapters.base import WEIGHTS_OBJECTS, protected
from inferline.components.artifacts.outputs import ArtifactsOutputs
from inferline.components.aws_buckets import encrypted_and_versioned, private_bucket
from inferline.components.network.adapters.base import NetworkOutputs, child_opts
from inferline.components.security.adapters.base import EncryptionContext
from inferline.planning.artifacts import WEIGHTS_PREFIX, ArtifactsSpec
from inferline.planning.naming import Names

#: S3 bucket names: 3-63 lower-case letters, digits and '-' (S3 "Bucket naming rules"), unique in the partition:
#: the account id and region go in, as for the audit bucket.
_BUCKET_NAME_LIMIT = 63
#: Secrets Manager keeps a deleted secret this many days before it is gone (7-30, DeleteSecret).
_SECRET_RECOVERY_DAYS = 30
_EC2 = "ec2.amazonaws.com"
Tags = Callable[..., dict[str, str]]


class AwsArtifacts:
    cloud: ClassVar[CloudName] = "aws"

    def build(
        self, spec: ArtifactsSpec, encryption: EncryptionContext, network: NetworkOutputs, opts: pulumi.ResourceOptions
    ) -> ArtifactsOutputs:
        names = spec.names
        if encryption.key_arn is None:
            raise ValueError(f"site '{names.site}': the AWS site key has no ARN")
        key_arn = encryption.key_arn

        def tags(*parts: str) -> dict[str, str]:
            return {**spec.tags, "Name": names.cloud(*parts, limit=255)}

        invoke = pulumi.InvokeOutputOptions(provider=opts.provider, parent=opts.parent)
        account: pulumi.Output[str] = aws.get_caller_identity_output(opts=invoke).account_id
        dns_suffix: pulumi.Output[str] = aws.get_partition_output(opts=invoke).dns_suffix

        # Immutable tags: a tag once pushed always names the same image (nodes pull by digest anyway).
        repository = aws.ecr.Repository(
            names.resource("repository"),
            name=spec.repository_path,
            image_tag_mutability="IMMUTABLE",
            image_scanning_configuration=aws.ecr.RepositoryImageScanningConfigurationArgs(scan_on_push=True),
            encryption_configurations=[aws.ecr.RepositoryEncryptionConfigurationArgs(encryption_type="KMS", kms_key=key_arn)],
            force_delete=not spec.protect,
            tags=tags("repository"),
            opts=protected(opts, spec),
        )
        bucket = self._bucket(spec, names, account, key_arn, tags, opts)
        secret = aws.secretsmanager.Secret(
            names.resource("serving-token"),
            name=spec.secret_name,
            description=f"Serving token of inferline site {names.site}: set its value yourself (README, Node bootstrap)",
            kms_key_id=key_arn,
            recovery_window_in_days=_SECRET_RECOVERY_DAYS,
            tags=tags("serving-token"),
            opts=opts,
        )
        role = aws.iam.Role(
            names.resource("node-role"),
            name=spec.identity_name,
            description=f"GPU nodes of inferline site {names.site}: pull the site image, read its weights and token",
            assume_role_policy=json.dumps(
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": _EC2}, "Action": "sts:AssumeRole"}]}
            ),
            tags=tags("node-role"),
            opts=opts,
        )
        aws.iam.RolePolicy(
            names.resource("node-policy"),
            role=role.id,
            name="inferline-node",
            policy=pulumi.Output.all(repository.arn, bucket.arn, secret.arn, key_arn).apply(lambda args: node_policy(*args)),
            opts=opts,
        )
        profile = aws.iam.InstanceProfile(
            names.resource("node-profile"),
            name=spec.identity_name,
            role=role.name,
            tags=tags("node-profile"),
            opts=opts,
        )
        return ArtifactsOutputs(
            registry_host=pulumi.Output.format("{0}.dkr.ecr.{1}.{2}", account, spec.region, dns_suffix),
            repository=pulumi.Output.from_input(spec.repository_path),
            registry_id=None,
            bucket=bucket.bucket,
            secret_ref=secret.arn,
            node_identity=profile.name,
        )

    @staticmethod
    def _bucket(
        spec: ArtifactsSpec, names: Names, account: pulumi.Output[str], key_arn: pulumi.Output[str], tags: Tags, opts: pulumi.ResourceOptions
    ) -> aws.s3.Bucket:
        bucket = aws.s3.Bucket(
            names.resource("models"),
            bucket=account.apply(lambda account_id: bucket_name(names, account_id, spec.region)),
            force_destroy=not spec.protect,
            tags=tags("models"),
            opts=protected(opts, spec),
        )
        public_access = private_bucket(names, "models", bucket, opts)
        encrypted_and_versioned(names, "models", bucket, key_arn, opts)
        # S3 refuses a policy while the public-access block is being written ("conflicting conditional operation").
        aws.s3.BucketPolicy(
            names.resource("models-policy"),
            bucket=bucket.id,
            policy=bucket.arn.apply(_deny_insecure_transport),
            opts=child_opts(opts, public_access),
        )
        return bucket


def bucket_name(names: Names, account_id: str, region: str) -> str:
    """``inferline-{stack}-{site}-models-{account}-{region}`` in the characters S3 accepts, at most 63 of them."""
    name = names.cloud("models", account_id, region, limit=_BUCKET_NAME_LIMIT).lower()
    return re.sub(r"[^a-z0-9-]+", "-", name).strip("-")


def node_policy(repository_arn: str, bucket_arn: str, secret_arn: str, key_arn: str) -> str:
    """Least privilege for a GPU node: exactly what the bootstrap does with its instance profile."""
    statements = [
        # GetAuthorizationToken has no resource-level permissions (ECR "Private repository policies"): "*".
        {"Sid": "RegistryLogin", "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*"},
        {"Sid": "PullSiteImage", "Effect": "Allow",
         "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"], "Resource": repository_arn},
        {"Sid": "ListWeights", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": bucket_arn,
         "Condition": {"StringLike": {"s3:prefix": [f"{WEIGHTS_PREFIX}/", WEIGHTS_OBJECTS]}}},
        {"Sid": "ReadWeights", "Effect": "Allow", "Action": "s3:GetObject", "Resource": f"{bucket_arn}/{WEIGHTS_OBJECTS}"},
        {"Sid": "ReadServingToken", "Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": secret_arn},
        # The image layers, weights and token are encrypted with the site key.
        {"Sid": "DecryptWithSiteKey", "Effect": "Allow", "Action": "kms:Decrypt", "Resource": key_arn},
    ]
    return json.dumps({"Version": "2012-10-17", "Statement": statements})


def _deny_insecure_transport(bucket_arn: str) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
         "Resource": [bucket_arn, f"{bucket_arn}/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
    ]})
