"""The policy: what a business approved, validated before anything starts."""

from tollgate.config.home import tollgate_home
from tollgate.config.loader import PolicyError, default_policy_text, load_policy, parse_policy
from tollgate.config.policy import EntityAction, Policy, UnknownFormat, VendorPolicy
from tollgate.config.vendors import CATALOG, ApiFormat, ErrorStyle, Vendor, vendor_for_host

__all__ = [
    "CATALOG",
    "ApiFormat",
    "EntityAction",
    "ErrorStyle",
    "Policy",
    "PolicyError",
    "UnknownFormat",
    "Vendor",
    "VendorPolicy",
    "default_policy_text",
    "load_policy",
    "parse_policy",
    "tollgate_home",
    "vendor_for_host",
]
