"""aws artifacts: every child with its exact inputs, wired to the site, relaxed outside prod.

The expected inputs were reviewed one by one against the adapter's docstring and the sources it cites; the
policy documents are compared parsed.
"""

from __future__ import annotations

from inferline.components.artifacts.adapters.aws import AwsArtifacts
from tests.components.artifacts.support import assert_wired, build_artifacts, children, normalised

REGION = "ap-southeast-1"
ZONES = ('ap-southeast-1a', 'ap-southeast-1b')

EXPECTED: dict[str, tuple[str, bool, dict[str, object]]] = {'site-a-models': ('aws:s3/bucket:Bucket',
                   True,
                   {'bucket': 'inferline-test-site-a-models-123456789012-ap-southeast-1',
                    'forceDestroy': False,
                    'tags': {'Name': 'inferline-test-site-a-models', 'inferline-site': 'site-a'}}),
 'site-a-models-encryption': ('aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
                              False,
                              {'bucket': 'inferline-test-site-a-models-123456789012-ap-southeast-1',
                               'rules': [{'applyServerSideEncryptionByDefault': {'kmsMasterKeyId': 'arn:aws:kms:ap-southeast-1:123456789012:key-9eb3304d8d2196f05',
                                                                                 'sseAlgorithm': 'aws:kms'},
                                          'bucketKeyEnabled': True}]}),
 'site-a-models-ownership': ('aws:s3/bucketOwnershipControls:BucketOwnershipControls',
                             False,
                             {'bucket': 'inferline-test-site-a-models-123456789012-ap-southeast-1',
                              'rule': {'objectOwnership': 'BucketOwnerEnforced'}}),
 'site-a-models-policy': ('aws:s3/bucketPolicy:BucketPolicy',
                          False,
                          {'bucket': 'inferline-test-site-a-models-123456789012-ap-southeast-1',
                           'policy': {'Statement': [{'Action': 's3:*',
                                                     'Condition': {'Bool': {'aws:SecureTransport': 'false'}},
                                                     'Effect': 'Deny',
                                                     'Principal': '*',
                                                     'Resource': ['arn:aws:s3:ap-southeast-1:123456789012:inferline-test-site-a-models-123456789012-ap-southeast-1',
                                                                  'arn:aws:s3:ap-southeast-1:123456789012:inferline-test-site-a-models-123456789012-ap-southeast-1/*'],
                                                     'Sid': 'DenyInsecureTransport'}],
                                      'Version': '2012-10-17'}}),
 'site-a-models-public-access': ('aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock',
                                 False,
                                 {'blockPublicAcls': True,
                                  'blockPublicPolicy': True,
                                  'bucket': 'inferline-test-site-a-models-123456789012-ap-southeast-1',
                                  'ignorePublicAcls': True,
                                  'restrictPublicBuckets': True}),
 'site-a-models-versioning': ('aws:s3/bucketVersioning:BucketVersioning',
                              False,
                              {'bucket': 'inferline-test-site-a-models-123456789012-ap-southeast-1',
                               'versioningConfiguration': {'status': 'Enabled'}}),
 'site-a-node-policy': ('aws:iam/rolePolicy:RolePolicy',
                        False,
                        {'name': 'inferline-node',
                         'policy': {'Statement': [{'Action': 'ecr:GetAuthorizationToken',
                                                   'Effect': 'Allow',
                                                   'Resource': '*',
                                                   'Sid': 'RegistryLogin'},
                                                  {'Action': ['ecr:BatchGetImage',
                                                              'ecr:GetDownloadUrlForLayer',
                                                              'ecr:BatchCheckLayerAvailability'],
                                                   'Effect': 'Allow',
                                                   'Resource': 'arn:aws:ecr:ap-southeast-1:123456789012:repository-93fefa88590339a0d',
                                                   'Sid': 'PullSiteImage'},
                                                  {'Action': 's3:ListBucket',
                                                   'Condition': {'StringLike': {'s3:prefix': ['models/', 'models/*']}},
                                                   'Effect': 'Allow',
                                                   'Resource': 'arn:aws:s3:ap-southeast-1:123456789012:inferline-test-site-a-models-123456789012-ap-southeast-1',
                                                   'Sid': 'ListWeights'},
                                                  {'Action': 's3:GetObject',
                                                   'Effect': 'Allow',
                                                   'Resource': 'arn:aws:s3:ap-southeast-1:123456789012:inferline-test-site-a-models-123456789012-ap-southeast-1/models/*',
                                                   'Sid': 'ReadWeights'},
                                                  {'Action': 'secretsmanager:GetSecretValue',
                                                   'Effect': 'Allow',
                                                   'Resource': 'arn:aws:secretsmanager:ap-southeast-1:123456789012:secret-105f304f4f918048c',
                                                   'Sid': 'ReadServingToken'},
                                                  {'Action': 'kms:Decrypt',
                                                   'Effect': 'Allow',
                                                   'Resource': 'arn:aws:kms:ap-southeast-1:123456789012:key-9eb3304d8d2196f05',
                                                   'Sid': 'DecryptWithSiteKey'}],
                                    'Version': '2012-10-17'},
                         'role': 'role-e40ef989cbbdc0c14'}),
 'site-a-node-profile': ('aws:iam/instanceProfile:InstanceProfile',
                         False,
                         {'name': 'inferline-test-site-a-gpu-node',
                          'role': 'inferline-test-site-a-gpu-node',
                          'tags': {'Name': 'inferline-test-site-a-node-profile', 'inferline-site': 'site-a'}}),
 'site-a-node-role': ('aws:iam/role:Role',
                      False,
                      {'assumeRolePolicy': {'Statement': [{'Action': 'sts:AssumeRole',
                                                           'Effect': 'Allow',
                                                           'Principal': {'Service': 'ec2.amazonaws.com'}}],
                                            'Version': '2012-10-17'},
                       'description': 'GPU nodes of inferline site site-a: pull the site image, read its weights and token',
                       'name': 'inferline-test-site-a-gpu-node',
                       'tags': {'Name': 'inferline-test-site-a-node-role', 'inferline-site': 'site-a'}}),
 'site-a-repository': ('aws:ecr/repository:Repository',
                       True,
                       {'encryptionConfigurations': [{'encryptionType': 'KMS',
                                                      'kmsKey': 'arn:aws:kms:ap-southeast-1:123456789012:key-9eb3304d8d2196f05'}],
                        'forceDelete': False,
                        'imageScanningConfiguration': {'scanOnPush': True},
                        'imageTagMutability': 'IMMUTABLE',
                        'name': 'inferline-test-site-a/inference-server',
                        'tags': {'Name': 'inferline-test-site-a-repository', 'inferline-site': 'site-a'}}),
 'site-a-serving-token': ('aws:secretsmanager/secret:Secret',
                          False,
                          {'description': 'Serving token of inferline site site-a: set its value yourself (README, Node '
                                          'bootstrap)',
                           'kmsKeyId': 'arn:aws:kms:ap-southeast-1:123456789012:key-9eb3304d8d2196f05',
                           'name': 'inferline-test-site-a-serving-token',
                           'recoveryWindowInDays': 30,
                           'tags': {'Name': 'inferline-test-site-a-serving-token', 'inferline-site': 'site-a'}})}


def test_every_child_and_its_exact_inputs() -> None:
    run = build_artifacts("aws", REGION, ZONES)
    assert {name: normalised(record) for name, record in children(run).items()} == EXPECTED
    assert_wired(run)


def test_outside_prod_nothing_is_protected() -> None:
    run = build_artifacts("aws", REGION, ZONES, protect=False)
    assert [name for name, record in children(run).items() if record.protect] == []

    assert children(run)["site-a-repository"].inputs["forceDelete"] is True
    assert children(run)["site-a-models"].inputs["forceDestroy"] is True

def test_the_adapter_is_stateless() -> None:
    assert vars(AwsArtifacts()) == {}

