"""EMAIL_ADDRESS without network access.

presidio's own EmailRecognizer validates the domain with tldextract, which downloads the public
suffix list on first use; here tldextract is built with ``suffix_list_urls=()`` so it uses the
snapshot bundled with the package and never touches the network.

match: t.yamada@example.jp / hanako+news@school.ed.jp
no_match: user@localhost / a@b.c12
"""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

from pi_scan.detect.validators import valid_email_domain

EMAIL_REGEX = r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"

__all__ = ["EMAIL_REGEX", "OfflineEmailRecognizer", "valid_email_domain"]


class OfflineEmailRecognizer(PatternRecognizer):
    PATTERNS = (Pattern("email", EMAIL_REGEX, 0.5),)
    CONTEXT = ("メール", "mail", "email", "アドレス", "連絡先")

    def __init__(self) -> None:
        super().__init__(
            supported_entity="EMAIL_ADDRESS",
            name="OfflineEmailRecognizer",
            supported_language="ja",
            patterns=list(self.PATTERNS),
            context=list(self.CONTEXT),
        )

    def validate_result(self, pattern_text: str) -> bool:
        return valid_email_domain(pattern_text)
