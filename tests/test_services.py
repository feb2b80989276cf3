"""The business rules, called as a command or the API would call them, without the admin:
the publishing workflow of every publishable model (`visits.publishing.services`) and a
release's own rules (`press.services`): the launch language, alt text, readiness and
withdrawal. Each refusal leaves the row as it was and says why in the user's language."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from press import services
from press.models import PressRelease
from tests.factories import (
    CoverageFactory,
    PhotoFactory,
    PressReleaseFactory,
    VisitFactory,
    assign_languages,
)
from visits.models import Visit
from visits.publishing import Status
from visits.publishing import services as publishing
from visits.publishing.locking import EditConflict

pytestmark = pytest.mark.django_db


def member(role: str) -> User:
    """The user in the role's group (made at the first call)."""
    user, made = User.objects.get_or_create(username=role.lower(), defaults={"is_staff": True})
    if made:
        user.groups.add(Group.objects.get(name=role))
        if role == "Translator":
            assign_languages(user)
    return user


def stored(item):
    return type(item).objects.get(pk=item.pk)


# --- every publishable model --------------------------------------------------------------


class TestPublishing:
    def test_a_publisher_publishes_a_draft_trip_now(self):
        trip = VisitFactory(draft=True)
        now = timezone.now().replace(microsecond=0)
        with time_machine.travel(now, tick=False):
            publishing.publish(item=trip, user=member("Publisher"))
        assert (stored(trip).status, stored(trip).published_at) == (Status.PUBLISHED, now)
        assert Visit.objects.published().filter(pk=trip.pk).exists()

    def test_a_time_ahead_keeps_it_under_embargo(self):
        later = timezone.now() + timedelta(hours=2)
        coverage = CoverageFactory(status=Status.IN_REVIEW, published_at=later)
        publishing.publish(item=coverage, user=member("Publisher"))
        assert stored(coverage).status == Status.PUBLISHED
        assert not type(coverage).objects.published().filter(pk=coverage.pk).exists()
        with time_machine.travel(later, tick=False):
            assert type(coverage).objects.published().filter(pk=coverage.pk).exists()

    def test_scheduling_needs_a_time(self):
        trip = VisitFactory(draft=True)
        with pytest.raises(ValidationError) as refused:
            publishing.schedule(item=trip, user=member("Publisher"), at=None)
        assert "published_at" in refused.value.message_dict
        assert stored(trip).status == Status.DRAFT
        tomorrow = timezone.now() + timedelta(days=1)
        publishing.schedule(item=trip, user=member("Publisher"), at=tomorrow)
        assert (stored(trip).status, stored(trip).published_at) == (Status.SCHEDULED, tomorrow)

    @pytest.mark.parametrize("role", ["Editor", "Translator"])
    def test_only_publishers_publish_unpublish_or_withdraw(self, role):
        trip = VisitFactory(draft=True)
        public = VisitFactory()
        user = member(role)
        for change, item in (
            (publishing.publish, trip),
            (publishing.unpublish, public),
            (publishing.withdraw, public),
        ):
            with pytest.raises(PermissionDenied) as refused:
                change(item=item, user=user)
            assert "Publisher group" in str(refused.value)
        assert (stored(trip).status, stored(public).status) == (Status.DRAFT, Status.PUBLISHED)

    def test_the_refusal_is_in_the_users_language(self):
        with pytest.raises(PermissionDenied) as refused:
            publishing.publish(item=VisitFactory(draft=True), user=member("Editor"))
        english = str(refused.value)
        with translation.override("ko"):
            assert str(refused.value) == translation.gettext(english) != english

    def test_unpublishing_and_withdrawing_take_an_item_off_the_site(self):
        trip, coverage = VisitFactory(), CoverageFactory()
        publishing.unpublish(item=trip, user=member("Publisher"))
        publishing.withdraw(item=coverage, user=member("Publisher"))
        assert stored(trip).status == Status.DRAFT
        assert stored(coverage).status == Status.WITHDRAWN
        assert not Visit.objects.published().filter(pk=trip.pk).exists()
        assert not type(coverage).objects.published().exists()

    def test_a_change_that_is_no_change_is_refused(self):
        publisher = member("Publisher")
        with pytest.raises(ValidationError, match="published already"):
            publishing.publish(item=VisitFactory(), user=publisher)
        with pytest.raises(ValidationError, match="draft already"):
            publishing.unpublish(item=VisitFactory(draft=True), user=publisher)
        with pytest.raises(ValidationError, match="withdrawn already"):
            publishing.withdraw(item=CoverageFactory(withdrawn=True), user=publisher)

    def test_editors_submit_drafts_for_review_and_translators_may_not(self):
        draft = VisitFactory(draft=True)
        with pytest.raises(PermissionDenied):
            publishing.submit_for_review(item=draft, user=member("Translator"))
        publishing.submit_for_review(item=draft, user=member("Editor"))
        assert stored(draft).status == Status.IN_REVIEW
        with pytest.raises(ValidationError, match="Only a draft"):
            publishing.submit_for_review(item=VisitFactory(), user=member("Editor"))

    def test_a_stale_copy_is_refused_not_saved_over_a_newer_one(self):
        trip = VisitFactory(draft=True, title_en="Old title")
        newer = stored(trip)
        newer.title_en = "New title"
        newer.save()
        with pytest.raises(EditConflict):
            publishing.publish(item=trip, user=member("Publisher"))
        assert (stored(trip).status, stored(trip).title_en) == (Status.DRAFT, "New title")

    def test_the_models_rules_refuse_with_a_message_not_a_database_error(self):
        """The generic service checks the item as a form would: a release with no ready
        language gets the model's message, not an IntegrityError."""
        release = PressReleaseFactory(draft=True, ready_en=False)
        with pytest.raises(ValidationError, match="Mark at least one language ready"):
            publishing.publish(item=release, user=member("Publisher"))
        assert stored(release).status == Status.DRAFT


# --- a release's own rules ----------------------------------------------------------------


def korean_release(**kwargs) -> PressRelease:
    """Complete in English and Korean; its photo has English alt text only."""
    photo = PhotoFactory(caption_en="Signing ceremony", alt_text_ko="")
    return PressReleaseFactory(
        title_ko="서울시, 파리에서 관광 설명회", body_ko="<p>본문</p>", photos=[photo], **kwargs
    )


class TestPublishingARelease:
    def test_needs_a_language_that_goes_out_with_it(self):
        later = timezone.now() + timedelta(days=1)
        release = PressReleaseFactory(draft=True, ready_en=True, public_from_en=later)
        for publish in (
            lambda: services.publish_release(release=release, user=member("Publisher")),
            lambda: services.schedule_release(release=release, user=member("Publisher"), at=later),
        ):
            with pytest.raises(ValidationError) as refused:
                publish()
            assert refused.value.code == "no_launch_language"
            assert "no language is marked ready" in refused.value.messages[0]
        assert stored(release).status == Status.DRAFT

    def test_needs_alt_text_in_its_languages_or_a_confirmation(self):
        release = korean_release(draft=True)
        with pytest.raises(ValidationError) as refused:
            services.publish_release(release=release, user=member("Publisher"))
        assert refused.value.code == "alt_text_missing"
        assert "“Signing ceremony” (Korean)" in refused.value.messages[0]
        assert stored(release).status == Status.DRAFT
        services.publish_release(
            release=stored(release), user=member("Publisher"), confirm_missing_alt_text=True
        )
        assert stored(release).is_public

    def test_once_out_only_new_gaps_need_confirming(self):
        release = korean_release()  # published, its gap confirmed then
        assert services.alt_text_to_confirm(release=release) == []
        release.title_ja, release.body_ja = "パリで観光説明会", "<p>本文</p>"
        [(_photo, codes)] = services.alt_text_to_confirm(release=release)
        assert codes == ["ja"]

    def test_only_publishers_publish_a_release(self):
        release = PressReleaseFactory(draft=True)
        with pytest.raises(PermissionDenied):
            services.publish_release(release=release, user=member("Translator"))
        assert stored(release).status == Status.DRAFT

    def test_scheduled_at_its_minute(self):
        at = (timezone.now() + timedelta(hours=3)).replace(microsecond=0)
        release = PressReleaseFactory(draft=True)
        services.schedule_release(release=release, user=member("Publisher"), at=at)
        assert not stored(release).is_public
        with time_machine.travel(at, tick=False):
            assert stored(release).is_public


class TestMarkingALanguageReady:
    def test_a_translator_marks_one_ready_with_a_time_of_its_own(self):
        release = PressReleaseFactory(title_ja="パリで観光説明会", ready_ja=False)
        at = timezone.now() + timedelta(hours=2)
        services.mark_language_ready(
            release=release, user=member("Translator"), language="ja", public_from=at
        )
        release = stored(release)
        assert (release.ready_ja, release.public_from_ja) == (True, at)
        assert "ja" in release.pending_languages()
        with time_machine.travel(at, tick=False):
            assert "ja" in stored(release).public_languages()

    def test_a_language_made_ready_on_a_public_release_goes_out_now(self):
        now = timezone.now()
        release = PressReleaseFactory(
            title_ko="한국어", published_at=now - timedelta(days=3), ready_ko=False
        )
        with time_machine.travel(now, tick=False):
            services.mark_language_ready(release=release, user=member("Translator"), language="ko")
        release = stored(release)
        assert (release.ready_ko, release.public_from_ko) == (True, now)
        assert PressRelease.objects.language_times("ko").get(pk=release.pk).out_at == now

    def test_a_language_made_ready_before_the_release_goes_out_with_it(self):
        release = PressReleaseFactory(title_ko="한국어", scheduled=True, ready_ko=False)
        services.mark_language_ready(release=release, user=member("Translator"), language="ko")
        assert stored(release).public_from_ko is None

    def test_editors_may_not(self):
        release = PressReleaseFactory(ready_ja=False)
        with pytest.raises(PermissionDenied):
            services.mark_language_ready(release=release, user=member("Editor"), language="ja")
        assert not stored(release).ready_ja

    def test_an_unknown_language_is_refused(self):
        release = PressReleaseFactory()
        with pytest.raises(ValidationError) as refused:
            services.mark_language_ready(release=release, user=member("Translator"), language="xx")
        assert refused.value.messages == ["“xx” is not a language of the site."]

    def test_a_public_release_keeps_a_language_that_goes_out_with_it(self):
        release = PressReleaseFactory()  # English alone goes out with it
        with pytest.raises(ValidationError) as refused:
            services.mark_language_ready(
                release=release, user=member("Publisher"), language="en", ready=False
            )
        assert refused.value.code == "no_launch_language"
        assert stored(release).ready_en

    def test_a_withdrawn_release_changes_only_through_a_publisher(self):
        release = PressReleaseFactory()
        services.withdraw_release(release=release, user=member("Publisher"), reason="Postponed.")
        with pytest.raises(PermissionDenied):
            services.mark_language_ready(
                release=stored(release), user=member("Translator"), language="ko"
            )
        assert not stored(release).ready_ko


class TestWithdrawingARelease:
    def test_a_public_release_is_withdrawn_with_its_reason(self):
        release = PressReleaseFactory()
        services.withdraw_release(release=release, user=member("Publisher"), reason="Cancelled.")
        release = stored(release)
        assert (release.status, release.was_public) == (Status.WITHDRAWN, True)
        assert release.withdrawal_reason_en == "Cancelled."

    @pytest.mark.parametrize(
        "state",
        [{"draft": True}, {"status": Status.IN_REVIEW}, {"scheduled": True}],
        ids=["draft", "in-review", "under-embargo"],
    )
    def test_one_that_was_never_public_is_refused(self, state):
        release = PressReleaseFactory(**state)
        with pytest.raises(ValidationError) as refused:
            services.withdraw_release(release=release, user=member("Publisher"), reason="No.")
        assert refused.value.code == "never_public"
        assert stored(release).status == state.get("status", release.status)

    def test_a_reason_is_needed(self):
        release = PressReleaseFactory()
        with pytest.raises(ValidationError) as refused:
            services.withdraw_release(release=release, user=member("Publisher"))
        assert "withdrawal_reason_en" in refused.value.message_dict
        assert stored(release).status == Status.PUBLISHED
