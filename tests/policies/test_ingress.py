

def test_an_unknown_source_group_in_a_tencent_rule_set_leaves_the_rule_checkable() -> None:
    """A first preview does not know the load balancer group's id; a group reference opens nothing to the internet."""
    from inferline.policies.rules import ResourceView
    from inferline.policies.rules.ingress import check_public_ingress

    props = {
        "ingresses": [
            {"action": "ACCEPT", "sourceSecurityId": "<computed>", "protocol": "TCP", "port": "8000"},
            {"action": "ACCEPT", "cidrBlock": "10.2.0.0/16", "protocol": "TCP", "port": "8000"},
        ]
    }
    view = ResourceView("urn:rules", "tencentcloud:Security/groupRuleSet:GroupRuleSet", props)
    assert check_public_ingress(view) is None
    unknown_cidr = {"ingresses": [{"action": "ACCEPT", "cidrBlock": "<computed>", "protocol": "TCP", "port": "8000"}]}
    finding = check_public_ingress(ResourceView("urn:rules", "tencentcloud:Security/groupRuleSet:GroupRuleSet", unknown_cidr))
    assert finding is not None and finding.outcome == "unknown"
