"""Building presidio results for Tollgate's own recognizers."""

from __future__ import annotations

from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    LocalRecognizer,
    RecognizerResult,
)


def recognizer_result(
    recognizer: EntityRecognizer,
    entity_type: str,
    start: int,
    end: int,
    score: float,
    why: str,
    *,
    settled: bool = False,
) -> RecognizerResult:
    """A result that presidio's context scoring can raise (it needs the explanation),
    unless it is `settled`: its recognizer has weighed the words around it already."""
    metadata: dict[str, object] = {
        RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
    }
    if settled:
        metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
    return RecognizerResult(
        entity_type,
        start,
        end,
        score,
        analysis_explanation=AnalysisExplanation(
            recognizer=recognizer.name, original_score=score, textual_explanation=why
        ),
        recognition_metadata=metadata,
    )


class OfflineRecognizer(LocalRecognizer):
    """Base of Tollgate's own recognizers: one entity (or `ALSO` others besides it),
    English, optional context words."""

    ENTITY: str
    ALSO: tuple[str, ...] = ()  # other types it reports, through `recognizer_result`
    CONTEXT: list[str] | None = None

    def __init__(self) -> None:
        super().__init__(
            supported_entities=[self.ENTITY, *self.ALSO],
            name=type(self).__name__,
            supported_language="en",
            context=self.CONTEXT,
        )

    def load(self) -> None:  # patterns compile at import; word lists load in subclasses
        pass

    def result(
        self, start: int, end: int, score: float, why: str, *, settled: bool = False
    ) -> RecognizerResult:
        return recognizer_result(self, self.ENTITY, start, end, score, why, settled=settled)
