"""volcengine artifacts: every child with its exact inputs, wired to the site, relaxed outside prod.

The expected inputs were reviewed one by one against the adapter's docstring and the sources it cites; the
policy documents are compared parsed.
"""

from __future__ import annotations

from inferline.components.artifacts.adapters.volcengine import VolcengineArtifacts
from tests.components.artifacts.support import assert_wired, build_artifacts, children, normalised

REGION = "cn-beijing"
ZONES = ('cn-beijing-a', 'cn-beijing-b')

EXPECTED: dict[str, tuple[str, bool, dict[str, object]]] = {'site-a-models': ('volcengine:tos/bucket:Bucket',
                   True,
                   {'bucketName': 'inferline-test-site-a-models-key-3326de939ab3149f3',
                    'enableVersion': True,
                    'publicAcl': 'private',
                    'tags': [{'key': 'inferline-site', 'value': 'site-a'}]}),
 'site-a-models-encryption': ('volcengine:tos/bucketEncryption:BucketEncryption',
                              False,
                              {'bucketName': 'inferline-test-site-a-models-key-3326de939ab3149f3',
                               'rule': {'applyServerSideEncryptionByDefault': {'kmsMasterKeyId': '<computed>',
                                                                               'sseAlgorithm': 'kms'}}}),
 'site-a-node-policy': ('volcengine:iam/policy:Policy',
                        False,
                        {'description': 'Least privilege of the GPU nodes of inferline site site-a',
                         'policyDocument': '<computed>',
                         'policyName': 'inferline-test-site-a-gpu-node'}),
 'site-a-node-policy-attachment': ('volcengine:iam/rolePolicyAttachment:RolePolicyAttachment',
                                   False,
                                   {'policyName': 'inferline-test-site-a-gpu-node',
                                    'policyType': 'Custom',
                                    'roleName': 'inferline-test-site-a-gpu-node'}),
 'site-a-node-role': ('volcengine:iam/role:Role',
                      False,
                      {'description': 'GPU nodes of inferline site site-a',
                       'displayName': 'inferline-test-site-a-gpu-node',
                       'roleName': 'inferline-test-site-a-gpu-node',
                       'trustPolicyDocument': {'Statement': [{'Action': ['sts:AssumeRole'],
                                                              'Effect': 'Allow',
                                                              'Principal': {'Service': ['ecs']}}]}}),
 'site-a-registry': ('volcengine:cr/registry:Registry',
                     True,
                     {'deleteImmediately': False, 'name': 'inferline-test-site-a', 'project': 'default', 'type': 'Enterprise'}),
 'site-a-registry-namespace': ('volcengine:cr/namespace:Namespace',
                               False,
                               {'name': 'inferline-test-site-a',
                                'project': 'default',
                                'registry': 'inferline-test-site-a',
                                'repositoryDefaultAccessLevel': 'Private'}),
 'site-a-registry-vpc': ('volcengine:cr/vpcEndpoint:VpcEndpoint',
                         False,
                         {'registry': 'inferline-test-site-a',
                          'vpcs': [{'subnetId': 'subnet-012c862d39d474f67', 'vpcId': 'vpc-b2bdf8d9cdae87205'}]}),
 'site-a-repository': ('volcengine:cr/repository:Repository',
                       False,
                       {'accessLevel': 'Private',
                        'description': 'inference server of inferline site site-a',
                        'name': 'inference-server',
                        'namespace': 'inferline-test-site-a',
                        'registry': 'inferline-test-site-a'})}


def test_every_child_and_its_exact_inputs() -> None:
    run = build_artifacts("volcengine", REGION, ZONES)
    assert {name: normalised(record) for name, record in children(run).items()} == EXPECTED
    assert_wired(run)


def test_outside_prod_nothing_is_protected() -> None:
    run = build_artifacts("volcengine", REGION, ZONES, protect=False)
    assert [name for name, record in children(run).items() if record.protect] == []

    assert children(run)["site-a-registry"].inputs["deleteImmediately"] is True

def test_the_adapter_is_stateless() -> None:
    assert vars(VolcengineArtifacts()) == {}



def test_the_node_policy_reads_only_the_site_resources() -> None:
    # The key's TRN is unknown under the mocks (the policy input is computed there), so the document is checked here.
    import json

    from inferline.components.artifacts.adapters.volcengine import node_policy
    from tests.components.artifacts.support import spec

    document = json.loads(node_policy(spec("volcengine", REGION), "bucket-x", "trn:kms:cn-beijing:2100000000:keyrings/k/keys/key"))
    assert document == {
        "Statement": [
            {"Effect": "Allow", "Action": ["cr:GetAuthorizationToken"], "Resource": ["trn:cr:cn-beijing:*:registry/inferline-test-site-a"]},
            {"Effect": "Allow", "Action": ["cr:PullRepository"],
             "Resource": ["trn:cr:cn-beijing:*:repository/inferline-test-site-a/inferline-test-site-a/inference-server"]},
            {"Effect": "Allow", "Action": ["tos:ListBucket"], "Resource": ["trn:tos:::bucket-x"]},
            {"Effect": "Allow", "Action": ["tos:GetObject"], "Resource": ["trn:tos:::bucket-x/models/*"]},
            {"Effect": "Allow", "Action": ["kms:GetSecretValue"], "Resource": ["trn:kms:cn-beijing:*:secret/inferline-test-site-a-serving-token"]},
            {"Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": ["trn:kms:cn-beijing:2100000000:keyrings/k/keys/key"]},
        ]
    }
