"""The questionnaire covers the scenario vocabulary (DESIGN §2) and its asked-when semantics."""

from __future__ import annotations

import pytest

from core import UNKNOWN
from core.questionnaire import FieldType

# DESIGN §2, contract version 1: field id → (type, options). Extending is allowed; renaming or
# removing is not, so every listed id and option must be present.
CONTRACT = {
    "deployer.kind": (
        "choice",
        ("law_enforcement other_government military private_company education healthcare nonprofit individual"),
    ),
    "deployer.country": ("country", ""),
    "deployer.for_law_enforcement": ("boolean", ""),
    "law_enforcement.level": (
        "choice",
        ("us_local us_state us_federal non_us_national non_us_regional international"),
    ),
    "deployment.countries": ("countries", ""),
    "service": (
        "multichoice",
        (
            "azure_openai azure_ai_face azure_ai_vision azure_ai_speech azure_video_indexer "
            "microsoft_365_copilot openai_api other_cloud_ai self_hosted_model"
        ),
    ),
    "capabilities": (
        "multichoice",
        (
            "face_identification face_verification face_detection facial_attribute_inference "
            "emotion_recognition biometric_categorisation person_tracking face_database_building "
            "audio_transcription text_generation image_generation licence_plate_recognition "
            "object_detection criminality_risk_assessment"
        ),
    ),
    "inferred_attributes": (
        "multichoice",
        (
            "gender race_or_ethnicity specific_age age_range emotion political_opinion "
            "religion_or_belief sex_life sexual_orientation trade_union_membership nationality health "
            "mouth_state hair_colour"
        ),
    ),
    "match_database": (
        "choice",
        (
            "suspects_watchlist custody_or_prior_inmates missing_persons consenting_enrolees "
            "identity_documents web_scraped none"
        ),
    ),
    "processing.timing": ("choice", "real_time near_real_time post_event"),
    "camera.platforms": (
        "multichoice",
        ("body_worn dash_mounted handheld_device drone vehicle_mounted fixed_cctv access_point uploaded_media none"),
    ),
    "environment": (
        "choice",
        ("uncontrolled_public publicly_accessible_private controlled_facility private_non_public online"),
    ),
    "context.sector_setting": ("choice", "workplace education neither"),
    "subjects.consent": ("choice", "all_consented not_all_consented"),
    "subjects.minors_possible": ("boolean", ""),
    "decisions.consequential": ("boolean", ""),
    "human_review": ("boolean", ""),
    "purpose": (
        "multichoice",
        (
            "patrol_identification investigation victim_or_missing_person_search "
            "imminent_threat_prevention serious_crime_suspect_search apprehended_suspect_identification "
            "access_control attendance medical_or_safety accessibility marketing report_drafting other"
        ),
    ),
    "authorisation.prior": ("boolean", ""),
}


@pytest.mark.parametrize("field_id", sorted(CONTRACT))
def test_every_contract_field_exists_with_its_type_and_options(questionnaire, field_id):
    """Each field of the public vocabulary is in the questionnaire, worded and typed."""
    ftype, options = CONTRACT[field_id]
    f = questionnaire.fields[field_id]
    assert f.type == FieldType(ftype)
    assert set(options.split()) <= {o.value for o in f.options}
    assert f.label and f.question and f.help, "label, question and help text are required"
    assert all(o.label for o in f.options)


def test_every_field_is_in_a_section(questionnaire):
    """Sections group every field exactly once."""
    listed = [fid for s in questionnaire.sections for fid in s.fields]
    assert sorted(listed) == sorted(questionnaire.fields)


def _asked(questionnaire, answers):
    return questionnaire.resolve(answers).asked


def test_asked_when_matches_the_vocabulary_table(questionnaire):
    """The "asked when" column of DESIGN §2, checked on answers that make each condition true or false."""
    le = {"deployer.kind": "law_enforcement"}
    private = {"deployer.kind": "private_company", "deployer.for_law_enforcement": False}
    contractor = {"deployer.kind": "private_company", "deployer.for_law_enforcement": True}
    assert _asked(questionnaire, le)["deployer.for_law_enforcement"] is False
    assert _asked(questionnaire, private)["deployer.for_law_enforcement"] is True
    assert _asked(questionnaire, le)["law_enforcement.level"] is True
    assert _asked(questionnaire, contractor)["law_enforcement.level"] is True
    assert _asked(questionnaire, private)["law_enforcement.level"] is False
    assert _asked(questionnaire, contractor)["authorisation.prior"] is True
    cap = lambda *c: {"capabilities": list(c)}  # noqa: E731
    assert _asked(questionnaire, cap("biometric_categorisation"))["inferred_attributes"] is True
    assert _asked(questionnaire, cap("emotion_recognition"))["inferred_attributes"] is False
    assert _asked(questionnaire, cap("face_database_building"))["match_database"] is True
    assert _asked(questionnaire, cap("object_detection"))["processing.timing"] is True
    assert _asked(questionnaire, cap("text_generation"))["camera.platforms"] is False
    assert _asked(questionnaire, cap("emotion_recognition"))["context.sector_setting"] is True
    assert _asked(questionnaire, cap("person_tracking"))["subjects.consent"] is True
    assert _asked(questionnaire, cap("face_detection"))["subjects.consent"] is False
    assert _asked(questionnaire, cap("face_verification"))["subjects.minors_possible"] is True
    assert _asked(questionnaire, {"decisions.consequential": True})["human_review"] is True
    assert _asked(questionnaire, {"decisions.consequential": False})["human_review"] is False


def test_a_field_not_asked_counts_as_nothing_even_if_the_file_answers_it(questionnaire):
    """Not asked: an empty list, false, or no choice — the stored answer does not count."""
    res = questionnaire.resolve(
        {
            "capabilities": ["text_generation"],
            "camera.platforms": ["body_worn"],
            "processing.timing": "real_time",
            "decisions.consequential": False,
            "human_review": True,
        }
    )
    assert res.values["camera.platforms"] == frozenset()
    assert res.values["processing.timing"] is None
    assert res.values["human_review"] is False


def test_a_field_whose_asked_when_is_unknown_is_unknown_even_if_answered(questionnaire):
    """Otherwise answering another question could retract a prohibition."""
    res = questionnaire.resolve({"processing.timing": "real_time"})
    assert res.asked["processing.timing"] is None
    assert res.values["processing.timing"] is UNKNOWN


def test_questions_lead_to_the_field_that_decides_whether_another_is_asked(questionnaire):
    """An unknown field whose asked-when is unknown is decided by the gating question first."""
    res = questionnaire.resolve({})
    assert questionnaire.questions(["human_review"], res) == ("decisions.consequential",)
    assert questionnaire.questions(["processing.timing"], res) == ("capabilities",)
