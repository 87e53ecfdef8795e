"""alicloud artifacts: every child with its exact inputs, wired to the site, relaxed outside prod.

The expected inputs were reviewed one by one against the adapter's docstring and the sources it cites; the
policy documents are compared parsed.
"""

from __future__ import annotations

from inferline.components.artifacts.adapters.alicloud import AlicloudArtifacts
from tests.components.artifacts.support import assert_wired, build_artifacts, children, normalised

REGION = "cn-shanghai"
ZONES = ('cn-shanghai-b', 'cn-shanghai-e')

EXPECTED: dict[str, tuple[str, bool, dict[str, object]]] = {'site-a-models': ('alicloud:oss/bucket:Bucket',
                   True,
                   {'bucket': 'inferline-test-site-a-models-key-98e24bea898f62e85',
                    'forceDestroy': False,
                    'serverSideEncryptionRule': {'kmsMasterKeyId': 'key-98e24bea898f62e85', 'sseAlgorithm': 'KMS'},
                    'tags': {'inferline-site': 'site-a'}}),
 'site-a-models-acl': ('alicloud:oss/bucketAcl:BucketAcl',
                       False,
                       {'acl': 'private', 'bucket': 'inferline-test-site-a-models-key-98e24bea898f62e85'}),
 'site-a-models-public-access': ('alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock',
                                 False,
                                 {'blockPublicAccess': True, 'bucket': 'inferline-test-site-a-models-key-98e24bea898f62e85'}),
 'site-a-models-versioning': ('alicloud:oss/bucketVersioning:BucketVersioning',
                              False,
                              {'bucket': 'inferline-test-site-a-models-key-98e24bea898f62e85', 'status': 'Enabled'}),
 'site-a-node-policy': ('alicloud:ram/policy:Policy',
                        False,
                        {'description': 'Least privilege of the GPU nodes of inferline site site-a',
                         'policyDocument': {'Statement': [{'Action': ['cr:GetAuthorizationToken'],
                                                           'Effect': 'Allow',
                                                           'Resource': ['*']},
                                                          {'Action': ['cr:PullRepository'],
                                                           'Effect': 'Allow',
                                                           'Resource': ['acs:cr:cn-shanghai:1234567890123456:repository/inferline-test-site-a/inference-server']},
                                                          {'Action': ['oss:ListObjects'],
                                                           'Condition': {'StringLike': {'oss:Prefix': ['models/', 'models/*']}},
                                                           'Effect': 'Allow',
                                                           'Resource': ['acs:oss:*:1234567890123456:inferline-test-site-a-models-key-98e24bea898f62e85']},
                                                          {'Action': ['oss:GetObject'],
                                                           'Effect': 'Allow',
                                                           'Resource': ['acs:oss:*:1234567890123456:inferline-test-site-a-models-key-98e24bea898f62e85/models/*']},
                                                          {'Action': ['kms:GetSecretValue'],
                                                           'Effect': 'Allow',
                                                           'Resource': ['acs:kms:cn-shanghai:1234567890123456:secret/inferline-test-site-a-serving-token']},
                                                          {'Action': ['kms:Decrypt'],
                                                           'Effect': 'Allow',
                                                           'Resource': ['acs:kms:cn-shanghai:1234567890123456:key/key-98e24bea898f62e85']}],
                                            'Version': '1'},
                         'policyName': 'inferline-test-site-a-gpu-node'}),
 'site-a-node-policy-attachment': ('alicloud:ram/rolePolicyAttachment:RolePolicyAttachment',
                                   False,
                                   {'policyName': 'inferline-test-site-a-gpu-node',
                                    'policyType': 'Custom',
                                    'roleName': 'inferline-test-site-a-gpu-node'}),
 'site-a-node-role': ('alicloud:ram/role:Role',
                      False,
                      {'assumeRolePolicyDocument': {'Statement': [{'Action': 'sts:AssumeRole',
                                                                   'Effect': 'Allow',
                                                                   'Principal': {'Service': ['ecs.aliyuncs.com']}}],
                                                    'Version': '1'},
                       'description': 'GPU nodes of inferline site site-a',
                       'roleName': 'inferline-test-site-a-gpu-node',
                       'tags': {'inferline-site': 'site-a'}}),
 'site-a-registry-namespace': ('alicloud:cr/namespace:Namespace',
                               True,
                               {'autoCreate': False, 'defaultVisibility': 'PRIVATE', 'name': 'inferline-test-site-a'}),
 'site-a-repository': ('alicloud:cr/repo:Repo',
                       True,
                       {'name': 'inference-server',
                        'namespace': 'inferline-test-site-a',
                        'repoType': 'PRIVATE',
                        'summary': 'inference server of inferline site site-a'})}


def test_every_child_and_its_exact_inputs() -> None:
    run = build_artifacts("alicloud", REGION, ZONES)
    assert {name: normalised(record) for name, record in children(run).items()} == EXPECTED
    assert_wired(run)


def test_outside_prod_nothing_is_protected() -> None:
    run = build_artifacts("alicloud", REGION, ZONES, protect=False)
    assert [name for name, record in children(run).items() if record.protect] == []

    assert children(run)["site-a-models"].inputs["forceDestroy"] is True

def test_the_adapter_is_stateless() -> None:
    assert vars(AlicloudArtifacts()) == {}

