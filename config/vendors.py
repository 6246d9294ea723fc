"""The built-in catalogue of AI vendors: where they live and how they speak.

Approval is not decided here; the policy says which vendors are approved and may
move a vendor's base URL (a self-hosted endpoint, an Azure resource, a test double).
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from enum import StrEnum


class ApiFormat(StrEnum):
    """The wire format a vendor's API speaks, which decides what is user content."""

    OPENAI = "openai"
    ANTHROPIC = "anthropic"
    GEMINI = "gemini"
    BEDROCK = "bedrock"


class ErrorStyle(StrEnum):
    """The error body shape a vendor's SDKs understand."""

    OPENAI = "openai"
    ANTHROPIC = "anthropic"
    GOOGLE = "google"


@dataclass(frozen=True, slots=True)
class Vendor:
    """One AI vendor: its hosts, default base URL, API format and key header."""

    name: str
    display_name: str
    hosts: tuple[str, ...]  # glob patterns, matched case-insensitively
    base_url: str | None  # None when each customer has its own (Azure resources)
    api_format: ApiFormat
    key_header: str  # where the vendor expects its API key
    key_prefix: str = ""  # e.g. "Bearer " for Authorization headers

    @property
    def error_style(self) -> ErrorStyle:
        if self.api_format is ApiFormat.ANTHROPIC:
            return ErrorStyle.ANTHROPIC
        if self.api_format is ApiFormat.GEMINI:
            return ErrorStyle.GOOGLE
        return ErrorStyle.OPENAI

    def serves_host(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        return any(fnmatch.fnmatchcase(host, pattern) for pattern in self.hosts)


def _bearer(name: str, display: str, hosts: tuple[str, ...], base_url: str) -> Vendor:
    """An OpenAI-compatible vendor that takes `Authorization: Bearer KEY`."""
    return Vendor(name, display, hosts, base_url, ApiFormat.OPENAI, "authorization", "Bearer ")


CATALOG: dict[str, Vendor] = {
    v.name: v
    for v in (
        _bearer("openai", "OpenAI", ("api.openai.com",), "https://api.openai.com"),
        Vendor(
            "azure_openai",
            "Azure OpenAI",
            ("*.openai.azure.com", "*.services.ai.azure.com", "*.cognitiveservices.azure.com"),
            None,
            ApiFormat.OPENAI,
            "api-key",
        ),
        Vendor(
            "anthropic",
            "Anthropic",
            ("api.anthropic.com",),
            "https://api.anthropic.com",
            ApiFormat.ANTHROPIC,
            "x-api-key",
        ),
        Vendor(
            "gemini",
            "Google Gemini",
            ("generativelanguage.googleapis.com",),
            "https://generativelanguage.googleapis.com",
            ApiFormat.GEMINI,
            "x-goog-api-key",
        ),
        Vendor(
            "vertex",
            "Google Vertex AI",
            ("aiplatform.googleapis.com", "*-aiplatform.googleapis.com"),
            "https://aiplatform.googleapis.com",
            ApiFormat.GEMINI,
            "authorization",
            "Bearer ",
        ),
        _bearer(
            "mistral",
            "Mistral AI",
            ("api.mistral.ai", "codestral.mistral.ai"),
            "https://api.mistral.ai",
        ),
        _bearer("cohere", "Cohere", ("api.cohere.com", "api.cohere.ai"), "https://api.cohere.com"),
        _bearer("groq", "Groq", ("api.groq.com",), "https://api.groq.com"),
        _bearer("deepseek", "DeepSeek", ("api.deepseek.com",), "https://api.deepseek.com"),
        _bearer("xai", "xAI", ("api.x.ai",), "https://api.x.ai"),
        _bearer("perplexity", "Perplexity", ("api.perplexity.ai",), "https://api.perplexity.ai"),
        _bearer(
            "together",
            "Together AI",
            ("api.together.xyz", "api.together.ai"),
            "https://api.together.xyz",
        ),
        _bearer("fireworks", "Fireworks AI", ("api.fireworks.ai",), "https://api.fireworks.ai"),
        _bearer("openrouter", "OpenRouter", ("openrouter.ai",), "https://openrouter.ai"),
        _bearer(
            "huggingface",
            "Hugging Face Inference",
            ("api-inference.huggingface.co", "router.huggingface.co"),
            "https://router.huggingface.co",
        ),
        Vendor(
            "bedrock",
            "AWS Bedrock",
            ("bedrock-runtime.*.amazonaws.com",),
            "https://bedrock-runtime.us-east-1.amazonaws.com",
            ApiFormat.BEDROCK,
            "authorization",
        ),
    )
}


def vendor_for_host(host: str) -> Vendor | None:
    """The catalogue vendor that serves `host`, if any."""
    return next((v for v in CATALOG.values() if v.serves_host(host)), None)
