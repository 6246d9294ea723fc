"""The person a link names: "linkedin.com/in/priya-raman", "calendly.com/maria-kowalski".

A company's own links are not personal data, so URLs are looked for only when
the policy lists them; but a profile link names someone as surely as their
name does. The handle in it (the path's segment that is the person) is a
PERSON finding, so the link keeps its shape for the model
("linkedin.com/in/<PERSON_1>") and the handle comes back in the answer.
"""

from __future__ import annotations

import re

from tollgate.redaction.prefilter import NOT_SPACE, runs_holding
from tollgate.redaction.results import OfflineRecognizer

# Above the threshold, below a URL finding's 0.6: a policy that lists URL has the
# link replaced whole, one that does not has the handle replaced.
HANDLE_SCORE = 0.55

_HANDLE = r"(?P<handle>[\w%][\w.%\-]*[\w%]|[\w%])"
# Sites whose first path segment is a person's handle (after @ on some), and the
# segments that are theirs, not a person's.
_PROFILE = re.compile(
    r"(?i)(?<![\w.\-])(?:www\.|m\.|[a-z]{2}\.)?"
    r"(?:"
    r"linkedin\.com/(?:in|pub)/"
    r"|(?:twitter|x|facebook|fb|instagram|threads|tiktok|medium|youtube|calendly|cal|about|"
    r"linktr|pinterest|snapchat|soundcloud|behance|dribbble|substack)\.(?:com|net|ee|me)/@?"
    r"(?!(?:home|search|explore|i|intent|share|sharer|hashtag|settings|login|signup|watch|"
    r"groups|events|pages|company|school|jobs|help|about|privacy|terms|policies|p|reel|"
    r"tv|results|channel|c|playlist|shorts|feed|notifications|messages|tag)(?![\w.%\-]))"
    r"|t\.me/|paypal\.me/|venmo\.com/(?:u/)?|cash\.app/\$"
    r")" + _HANDLE,
)
# Anywhere: the segment after a path that lists people, or after ~ or @.
_PEOPLE_PATH = re.compile(
    r"(?i)(?<=[\w\-])/(?:(?:in|users?|u|people|profiles?|staff|team|authors?|members?|employees?|"
    r"contacts?|leads?|customers?|clients?|patients?)/@?"
    r"|[~@])" + _HANDLE
)
_SLASH = re.compile("/")


class PersonalUrlRecognizer(OfflineRecognizer):
    """PERSON for the handle in a profile link or a path that lists people."""

    ENTITY = "PERSON"

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        results = []
        for start, end in runs_holding(text, _SLASH, NOT_SPACE):
            for pattern in (_PROFILE, _PEOPLE_PATH):
                for match in pattern.finditer(text, start, end):
                    results.append(
                        self.result(
                            match.start("handle"), match.end("handle"), HANDLE_SCORE, "profile link"
                        )
                    )
        return results
