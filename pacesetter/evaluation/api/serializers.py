"""What the evaluation endpoints show and accept.

Writes hand over to the evaluation domain functions (through `call_domain`, so a refusal
is a 400 naming the field), which check the county-admin rule, write in one transaction
and record the audit entry. Organisations named in input are looked up among those the
requesting user sees, as everywhere in the API.
"""
from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from pacesetter.api.exceptions import call_domain
from pacesetter.api.serializers import OrganizationCodeField

from .. import domain, results
from ..enums import Grade, GroupKind, IndicatorSource, SchemeKind, TallyStage
from ..models import (
    Indicator, Round, RoundGroup, RoundSubject, Scheme, SubjectResult, TallyJob, VoterGroup,
)


def _user(serializer: serializers.Field):
    return serializer.context["request"].user


def _absolute(serializer: serializers.Field, name: str, pk: int) -> str:
    return serializer.context["request"].build_absolute_uri(reverse(name, args=[pk]))


# --- Schemes ------------------------------------------------------------------


class IndicatorSerializer(serializers.ModelSerializer):
    points = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=100),
        required=False,
        help_text=_(
            "Points per option, best first. Leave out for the scale's default points; a 0–100 score takes "
            "none (the score is its own points). Reads as the points in force."
        ),
    )
    options = serializers.SerializerMethodField(
        help_text=_("The scale's options, best first; empty for a 0–100 score.")
    )

    class Meta:
        model = Indicator
        fields = ["id", "order", "question", "source", "scale", "weight", "points", "options"]
        read_only_fields = ["id", "order"]
        extra_kwargs = {
            "weight": {"help_text": _("Percent of the composite; the indicators' weights total 100.")},
            "source": {"help_text": _(
                "ballot (the default): ballots answer it. Any other source is a figure (0–100) read from that record "
                "when the round is counted; it takes no scale and no points, and only a commitment-review scheme "
                "has such indicators."
            )},
            "scale": {"required": False, "help_text": _("The answer scale; leave out for a figure from a record.")},
        }

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_options(self, obj: Indicator) -> list[str]:
        return [str(label) for label in obj.option_labels]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["points"] = list(instance.option_points)
        return data


class VoterGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = VoterGroup
        fields = ["id", "kind", "weight"]
        read_only_fields = ["id"]
        extra_kwargs = {"weight": {"help_text": _("Percent of the composite; the groups' weights total 100.")}}


class SchemeSerializer(serializers.ModelSerializer):
    indicators = IndicatorSerializer(many=True, help_text=_("Replaced as a whole when given in a change."))
    groups = VoterGroupSerializer(
        many=True, help_text=_("Matched by kind when given in a change, so draft rounds keep the groups they chose.")
    )
    locked = serializers.BooleanField(
        read_only=True, help_text=_("A round using the scheme has opened: it can no longer change.")
    )
    url = serializers.HyperlinkedIdentityField(view_name="api:evaluation-scheme-detail", lookup_url_kwarg="id")

    class Meta:
        model = Scheme
        fields = ["id", "name", "sector", "kind", "status", "locked", "created_at", "indicators", "groups", "url"]
        read_only_fields = ["id", "status", "created_at"]
        extra_kwargs = {
            "sector": {"help_text": _("The sector whose organisations the scheme is meant for.")},
            "kind": {"help_text": _("commitment_review: for commitment-review rounds only, and may have figures "
                                    "from records; general (the default) for every other round.")},
        }

    def create(self, validated_data):
        return call_domain(
            domain.create_scheme,
            name=validated_data["name"],
            sector=validated_data.get("sector", ""),
            kind=validated_data.get("kind", SchemeKind.GENERAL),
            indicators=[dict(i) for i in validated_data["indicators"]],
            groups=[dict(g) for g in validated_data["groups"]],
            by=_user(self),
        )

    def update(self, instance, validated_data):
        parts = {
            name: [dict(item) for item in validated_data[name]]
            for name in ("indicators", "groups")
            if name in validated_data
        }
        fields = {name: validated_data[name] for name in ("name", "sector", "kind") if name in validated_data}
        return call_domain(domain.update_scheme, instance, by=_user(self), **fields, **parts)


# --- Rounds -------------------------------------------------------------------


class RoundGroupSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=GroupKind.choices, source="voter_group.kind")
    weight = serializers.IntegerField(source="voter_group.weight", read_only=True)

    class Meta:
        model = RoundGroup
        fields = ["id", "kind", "weight", "expected"]
        read_only_fields = ["id"]


class RoundSerializer(serializers.ModelSerializer):
    scheme = serializers.PrimaryKeyRelatedField(
        queryset=Scheme.objects.all(), help_text=_("Id of an active scheme.")
    )
    scheme_name = serializers.CharField(source="scheme.name", read_only=True)
    groups = RoundGroupSerializer(
        many=True, source="round_groups",
        help_text=_("The scheme's voter groups that take part, with the ballots each is expected to cast per subject."),
    )
    subject_codes = serializers.ListField(
        child=OrganizationCodeField(), write_only=True, required=False,
        help_text=_("Codes of the organisations to evaluate."),
    )
    subjects = serializers.IntegerField(
        source="visible_subjects", read_only=True, help_text=_("How many of the round's subjects you see.")
    )
    url = serializers.HyperlinkedIdentityField(view_name="api:evaluation-round-detail", lookup_url_kwarg="id")
    subjects_url = serializers.SerializerMethodField()
    results_url = serializers.SerializerMethodField(help_text=_("Readable once the results are released."))

    class Meta:
        model = Round
        fields = [
            "id", "name", "kind", "scheme", "scheme_name", "campaign", "state", "opens_at", "closes_at",
            "allow_open_channel", "min_n", "dissatisfied_flag_share", "grading", "created_at", "groups",
            "subject_codes", "subjects", "url", "subjects_url", "results_url",
        ]
        read_only_fields = ["id", "state", "created_at"]
        extra_kwargs = {
            "campaign": {"help_text": _(
                "Id of the campaign the round belongs to; a commitment review needs the one whose commitments it "
                "reviews."
            )},
            "grading": {
                "help_text": _(
                    "The round's grading rules (advanced_min, good_min, fair_min, advanced_top_share, "
                    "lagging_bottom_share, flag_caps_at); {} or left out means the defaults."
                )
            }
        }

    @extend_schema_field(OpenApiTypes.URI)
    def get_subjects_url(self, obj: Round) -> str:
        return _absolute(self, "api:evaluation-round-subjects", obj.pk)

    @extend_schema_field(OpenApiTypes.URI)
    def get_results_url(self, obj: Round) -> str:
        return _absolute(self, "api:evaluation-round-results", obj.pk)

    def create(self, validated_data):
        """The round, its subjects and its groups in one transaction: all of it, or nothing."""
        user = _user(self)
        scheme = validated_data["scheme"]
        names = (
            "name", "kind", "campaign", "opens_at", "closes_at", "allow_open_channel", "min_n",
            "dissatisfied_flag_share",
        )
        fields = {name: validated_data[name] for name in names if name in validated_data}
        with transaction.atomic():
            round_ = call_domain(
                domain.create_round_with_grading, scheme=scheme, grading=validated_data.get("grading"), by=user,
                **fields,
            )
            if organizations := validated_data.get("subject_codes"):
                call_domain(domain.add_subjects, round_, organizations=organizations, by=user,
                            default_field="subject_codes")
            for group in validated_data.get("round_groups", []):
                kind = group["voter_group"]["kind"]
                voter_group = scheme.groups.filter(kind=kind).first()
                if voter_group is None:
                    raise serializers.ValidationError({"groups": [
                        _("The scheme “%(scheme)s” has no voter group “%(group)s”.")
                        % {"scheme": scheme.name, "group": GroupKind(kind).label}
                    ]})
                call_domain(domain.add_group, round_, voter_group=voter_group, expected=group["expected"], by=user,
                            default_field="groups")
        return round_

    def update(self, instance, validated_data):
        """A draft round's settings; its kind, scheme, subjects and groups stay as created."""
        for name, field in (("round_groups", "groups"), ("subject_codes", "subject_codes")):
            if name in validated_data:
                raise serializers.ValidationError({field: [_("This cannot change once the round is created.")]})
        return call_domain(domain.update_round, instance, by=_user(self), **validated_data)


class SubjectSerializer(serializers.ModelSerializer):
    """A round's subject: an organisation, or a named person of one."""

    label = serializers.CharField(read_only=True, help_text=_("The organisation, or “name (post, organisation)”."))
    org_code = serializers.CharField(source="organization.code", read_only=True)
    org_name = serializers.CharField(source="organization.name", read_only=True)
    member_code = serializers.CharField(
        source="member.code", read_only=True, allow_null=True, default=None,
        help_text=_("The person evaluated; null when the subject is the organisation itself."),
    )
    member_name = serializers.CharField(source="member.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = RoundSubject
        fields = ["id", "label", "org_code", "org_name", "member_code", "member_name", "role_title"]
        read_only_fields = fields


# --- Results ------------------------------------------------------------------


class CellSerializer(serializers.Serializer):
    """One indicator as one voter group answered it (a `results.IndicatorCell`)."""

    group = serializers.ChoiceField(choices=GroupKind.choices, source="group_kind", read_only=True)
    indicator = serializers.IntegerField(source="indicator_id", read_only=True)
    open_channel = serializers.BooleanField(
        read_only=True, label=_("open survey"), help_text=_("Open-survey answers, counted apart and less trusted.")
    )
    n = serializers.IntegerField(read_only=True, label=_("answers"), min_value=0)
    counts = serializers.ListField(
        child=serializers.IntegerField(min_value=0), read_only=True, label=_("answers per option"),
        help_text=_("Answers per option, best first; empty for a 0–100 score."),
    )
    mean_points = serializers.FloatField(read_only=True, label=_("mean points"))
    good_share = serializers.FloatField(
        read_only=True, allow_null=True, label=_("good share"),
        help_text=_("Share of the two best options (excellent-or-good or satisfaction rate)."),
    )
    good_low = serializers.FloatField(
        read_only=True, allow_null=True, label=_("good share, lower bound"),
        help_text=_("Lower bound of the good share's 95% Wilson interval."),
    )
    good_high = serializers.FloatField(
        read_only=True, allow_null=True, label=_("good share, upper bound"),
        help_text=_("Upper bound of the good share's 95% Wilson interval."),
    )
    dissatisfied_share = serializers.FloatField(read_only=True, allow_null=True, label=_("dissatisfied share"))


class RecordFigureSerializer(serializers.Serializer):
    """One record indicator's figure for a subject, as the count read it."""

    indicator = serializers.IntegerField()
    question = serializers.CharField()
    source = serializers.ChoiceField(choices=IndicatorSource.choices)
    source_name = serializers.CharField(help_text=_("The source in words, in the reader's language."))
    weight = serializers.IntegerField(help_text=_("Percent of the composite."))
    value = serializers.FloatField(
        allow_null=True, help_text=_("0–100; null when the record had no figure (its weight is spread over the rest).")
    )


class SubjectResultSerializer(serializers.ModelSerializer):
    subject = SubjectSerializer(read_only=True)
    grade = serializers.ChoiceField(choices=Grade.choices, allow_blank=True, read_only=True)
    records = serializers.SerializerMethodField(
        help_text=_("Figures of the scheme's record indicators, weighed into the composite; empty without any.")
    )
    cells = CellSerializer(many=True, read_only=True, help_text=_("Each indicator as each voter group answered it."))

    class Meta:
        model = SubjectResult
        fields = [
            "subject", "n", "composite", "dissatisfied_share", "insufficient_sample", "dissatisfied_flag",
            "open_n", "open_composite", "peer_group", "rank_peer", "peer_size", "rank_county", "grade", "records",
            "cells",
        ]
        read_only_fields = fields

    @extend_schema_field(RecordFigureSerializer(many=True))
    def get_records(self, obj: SubjectResult) -> list[dict]:
        """The record indicators come in the context (`record_indicators`, read once per page)."""
        return RecordFigureSerializer([
            {"indicator": ind.pk, "question": ind.question, "source": ind.source,
             "source_name": str(ind.get_source_display()), "weight": ind.weight, "value": value}
            for ind, value in results.record_figures(obj, self.context.get("record_indicators", []))
        ], many=True).data


class TallyJobSerializer(serializers.ModelSerializer):
    # Blank once a job is done or before it starts: the schema's enum must list "" too.
    stage = serializers.ChoiceField(choices=TallyStage.choices, allow_blank=True, read_only=True)

    class Meta:
        model = TallyJob
        fields = ["id", "state", "stage", "progress", "background", "message", "created_at", "started_at", "finished_at"]
        read_only_fields = fields
        extra_kwargs = {
            "progress": {"help_text": _("Percent done, while the background worker counts (PostgreSQL).")},
            "message": {"help_text": _("Why the count failed.")},
        }


class TallySerializer(serializers.Serializer):
    """The stored count (its fields null until the round is first counted) and the latest job."""

    fingerprint = serializers.CharField(
        allow_null=True, help_text=_("SHA-256 of the sorted ballot set at the time of the count.")
    )
    ballots = serializers.IntegerField(allow_null=True)
    answers = serializers.IntegerField(allow_null=True)
    tallied_at = serializers.DateTimeField(allow_null=True)
    subjects = serializers.IntegerField(allow_null=True)
    insufficient = serializers.IntegerField(
        allow_null=True, help_text=_("Subjects below the minimum number of ballots (not ranked).")
    )
    flagged = serializers.IntegerField(allow_null=True, help_text=_("Subjects flagged for dissatisfaction."))
    job = TallyJobSerializer(allow_null=True, help_text=_("The latest count asked for, with its progress."))


# --- Ballots ------------------------------------------------------------------


class BallotSerializer(serializers.Serializer):
    """The ballot's body, for the schema; the view reads it itself (see BallotView)."""

    token = serializers.CharField(help_text=_("The ballot code from the slip or the SMS."))
    answers = serializers.DictField(
        child=serializers.IntegerField(),
        help_text=_("Indicator id → option index (0 is the best option) or, for a 0–100 score, the score."),
    )


class RefusalSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("Why the ballot was not taken, in the voter's language."))
    # Left out when the body could not be read at all (not JSON): then only `detail`.
    code = serializers.CharField(required=False, help_text=_("unknown_token, used_token, missing_answer, …"))
