"""Revisions: every save is kept with who and when, whether made in the admin or not;
editors compare two revisions in words, in every language, and restore one, through the
tabbed forms, without overwriting a save made meanwhile."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.test import Client
from reversion.models import Revision, Version
from reversion.revisions import _get_options

from press.models import Photo, PressRelease
from visits.models import Engagement, Leg, Visit
from visits.revisions import SAVED_OUTSIDE_ADMIN, record_revision, restore, text_of, word_diff

from .factories import (
    CoverageFactory,
    EngagementFactory,
    PhotoFactory,
    PressReleaseFactory,
    TopicFactory,
    VisitFactory,
    png_file,
)
from .test_admin import admin_url, messages_in, post_data

pytestmark = pytest.mark.django_db


def url_of(view, obj, *args, **kwargs):
    return admin_url(obj._meta.app_label, obj._meta.model_name, view, obj.pk, *args, **kwargs)


def versions_of(obj):
    return Version.objects.get_for_object(obj).select_related("revision__user")


@pytest.fixture
def commit():
    """What happens when the transaction commits: run the hooks waiting for it (the
    test's own transaction never commits)."""

    def run():
        hooks, connection.run_on_commit = connection.run_on_commit, []
        for _sids, hook, _robust in hooks:
            hook()

    return run


@pytest.fixture
def admin_user_obj(admin_client):
    return User.objects.get(username="admin")


# --- what is kept --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "columns"),
    [
        (PressRelease, ("title_en", "title_ko", "title_zh_hans", "title_ja", "body_ja")),
        (Visit, ("title_ko", "summary_ja", "purpose_zh_hans")),
        (Engagement, ("title_ko", "description_ja")),
        (Photo, ("caption_ko", "alt_text_ja")),
    ],
)
def test_every_language_is_kept(model, columns):
    """reversion registers before modeltranslation adds its columns; they are added."""
    assert set(columns) <= set(_get_options(model).fields)


def test_a_change_form_save_keeps_a_revision_with_user_and_comment(admin_client):
    release = PressReleaseFactory(title_en="Robots", title_ko="로봇")
    url = url_of("change", release)
    data = post_data(admin_client.get(url))
    data["title_ja"] = "ロボット"
    response = admin_client.post(url, data)
    assert response.status_code == 302, messages_in(response)

    latest = versions_of(release).first()
    assert latest.revision.user.username == "admin"
    assert latest.revision.comment == "Changed Title [ja]."
    assert latest.field_dict["title_ja"] == "ロボット"
    assert latest.field_dict["title_ko"] == "로봇"


def test_a_save_outside_the_admin_keeps_one_revision_per_transaction(commit):
    release = PressReleaseFactory(title_en="Robots")
    robotics, startups = TopicFactory(), TopicFactory()
    commit()
    assert versions_of(release).count() == 1  # made by a script: kept too

    with transaction.atomic():
        item = PressRelease.objects.get(pk=release.pk)
        item.title_ko = "로봇"
        item.save()
        item.topics.set([robotics, startups])
    commit()

    versions = list(versions_of(release))
    assert len(versions) == 2  # the save and the topics: one change
    assert versions[0].revision.user is None
    assert versions[0].revision.comment == SAVED_OUTSIDE_ADMIN
    assert versions[0].field_dict["title_ko"] == "로봇"
    assert set(versions[0].field_dict["topics"]) == {robotics.pk, startups.pk}


def test_a_change_to_an_owned_row_is_a_revision_of_its_owner(commit):
    trip = VisitFactory(legs=2)
    leg = trip.legs.first()
    commit()
    leg.end_date = leg.start_date
    leg.save()
    commit()
    latest, _created = versions_of(trip)
    kept = latest.revision.version_set.get(object_id=str(leg.pk), content_type__model="leg")
    assert kept.field_dict["end_date"] == leg.start_date


def test_raw_saves_are_not_revisions(commit):
    release = PressReleaseFactory()
    commit()
    before = Revision.objects.count()
    versions_of(release).first().revert()  # a raw save, like loaddata
    commit()
    assert Revision.objects.count() == before


def test_a_save_in_a_rolled_back_savepoint_leaves_the_rest(commit):
    release, other = PressReleaseFactory(), PressReleaseFactory()
    commit()
    with transaction.atomic():
        try:
            with transaction.atomic():
                PressRelease.objects.get(pk=other.pk).save()
                raise RuntimeError
        except RuntimeError:
            pass
        PressRelease.objects.get(pk=release.pk).save()
    commit()
    assert versions_of(release).count() == 2
    assert versions_of(other).count() == 1


def test_record_revision_after_an_update(admin_user_obj):
    first, second = PressReleaseFactory(draft=True), PressReleaseFactory(draft=True)
    PressRelease.objects.filter(pk__in=[first.pk, second.pk]).update(status="in_review")
    record_revision([first, second], admin_user_obj, "Submitted for review")
    for release in (first, second):
        latest = versions_of(release).first()
        assert latest.field_dict["status"] == "in_review"  # read again, not the stale copy
        assert latest.revision.user == admin_user_obj
        assert latest.revision.comment == "Submitted for review"


# --- history ---------------------------------------------------------------------------


def test_the_history_lists_every_revision_with_a_compare_form(admin_client, commit):
    release = PressReleaseFactory(title_en="Robots")
    commit()
    url = url_of("change", release)
    admin_client.post(url, {**post_data(admin_client.get(url)), "title_ko": "로봇"})

    response = admin_client.get(url_of("history", release))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Saved outside the admin" in html
    assert re.search(r"<td>\s*admin\s*</td>", html)
    compare = url_of("compare", release)
    assert f'action="{compare}"' in html
    assert html.count('type="radio" name="from"') == 2
    assert html.count('type="radio" name="to"') == 2
    for version in versions_of(release):
        assert url_of("revision", release, version.pk) in html


def test_the_history_costs_the_same_for_many_revisions(admin_client, django_assert_max_num_queries):
    release = PressReleaseFactory()
    url = url_of("history", release)
    for number in range(2):
        record_revision([release], None, f"Edit {number}")
    admin_client.get(url)  # warm up: session, permissions, content types
    with django_assert_max_num_queries(8) as few:
        assert admin_client.get(url).status_code == 200
    for number in range(25):
        record_revision([release], None, f"Edit {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert admin_client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (PressReleaseFactory, "subtitle_ko"),
        (VisitFactory, "summary_ja"),
        (CoverageFactory, "translated_headline_ko"),
        (PhotoFactory, "caption_zh_hans"),
    ],
    ids=["release", "trip", "coverage", "photo"],
)
def test_every_item_with_revisions_has_history_compare_and_restore(admin_client, factory, field):
    item = factory()
    record_revision([item])
    type(item).objects.filter(pk=item.pk).update(**{field: "새 글 新しい"})
    record_revision([item])
    older = versions_of(item).last()
    assert admin_client.get(url_of("history", item)).status_code == 200
    compare = admin_client.get(url_of("compare", item)).content.decode()
    assert "<ins>새 글 新しい</ins>" in compare
    form = open_revision(admin_client, item, older).content.decode()
    assert f"{url_of('compare', item)}?from={older.pk}" in form


def test_an_editor_without_the_right_to_view_gets_no_history(client):
    release = PressReleaseFactory()
    record_revision([release])
    user = User.objects.create_user("guest", password="x", is_staff=True)
    client.force_login(user)
    assert client.get(url_of("history", release)).status_code == 403
    assert client.get(url_of("compare", release)).status_code == 403


# --- comparing -------------------------------------------------------------------------


@pytest.fixture
def two_revisions():
    """A release before and after a translator's and an editor's changes."""
    robotics, startups, culture = (
        TopicFactory(name_en="Robotics"),
        TopicFactory(name_en="Startups"),
        TopicFactory(name_en="Culture"),
    )
    release = PressReleaseFactory(
        title_en="Mayor visits a robot factory",
        title_ko="시장, 로봇 공장 방문",
        title_ja="市長がロボット工場を訪問",
        body_en="<p>The mayor <strong>met</strong> engineers.</p><p>They talked.</p>",
        topics=[robotics, culture],
    )
    record_revision([release], None, "First")
    release.refresh_from_db()
    release.title_ko = "시장, 로봇 공장 두 곳 방문"
    release.title_ja = "市長が二つのロボット工場を訪問"
    release.body_en = "<p>The mayor <em>met</em> young engineers.</p><p>They talked.</p>"
    release.save()
    release.topics.set([robotics, startups])
    record_revision([release], None, "Second")
    return release


def test_compare_shows_each_language_and_the_topics(admin_client, two_revisions):
    release = two_revisions
    response = admin_client.get(url_of("compare", release))  # default: the last two
    html = response.content.decode()
    assert response.status_code == 200

    assert "Title — Korean" in html
    assert "Title — Japanese" in html
    assert "Title — English" not in html  # unchanged
    assert '<p class="revision-text" lang="ko">' in html
    assert "시장, 로봇 공장 <ins>두 곳 </ins>방문" in html
    # Japanese has no spaces: the change is a few characters, not the whole title.
    assert "市長が<ins>二つの</ins>ロボット工場を訪問" in html

    # The body is compared as text: words, no markup.
    assert re.search(r"The mayor met<ins>\s*young\s*</ins>\s*engineers", html)
    assert "&lt;strong&gt;" not in html and "&lt;p&gt;" not in html

    topics = html.split('<th scope="row">Topics</th>')[1]
    assert re.search(r"<ins>.*Startups</ins>", topics)
    assert re.search(r"<del>.*Culture</del>", topics)
    assert "Robotics" in topics

    # Bookkeeping and the untranslated mirror column are not changes editors made.
    assert "edit number" not in html.lower()
    assert "last changed" not in html.lower()


def test_compare_picks_any_two_revisions_in_either_order(admin_client, two_revisions):
    release = two_revisions
    newer, older = versions_of(release)[:2]
    url = url_of("compare", release)
    forwards = admin_client.get(url, {"from": older.pk, "to": newer.pk}).content.decode()
    backwards = admin_client.get(url, {"from": newer.pk, "to": older.pk}).content.decode()
    assert "Title — Korean" in forwards
    assert forwards.split('id="content-main"')[1] == backwards.split('id="content-main"')[1]


def test_only_markup_changes_are_named(admin_client):
    release = PressReleaseFactory(body_en="<p>The mayor met engineers.</p>")
    record_revision([release])
    release.refresh_from_db()
    release.body_en = "<p>The mayor <strong>met</strong> engineers.</p>"
    release.save()
    record_revision([release])
    html = admin_client.get(url_of("compare", release)).content.decode()
    assert "Only the formatting changed." in html


def test_compare_shows_the_rows_a_trip_gained_and_lost(admin_client):
    trip = VisitFactory(legs=2)
    engagement = EngagementFactory(leg=trip.legs.first(), title_en="Meeting")
    record_revision([trip])
    _first, second = trip.legs.all()
    Engagement.objects.filter(pk=engagement.pk).update(title_ko="회의")
    second.delete()
    record_revision([trip])
    html = admin_client.get(url_of("compare", trip)).content.decode()
    assert "Legs" in html
    assert f'<del><span class="visually-hidden">removed: </span>{second}</del>' in html
    assert "Meeting: changed Title — Korean" in html.split("<h2>Engagements</h2>")[1]


@pytest.mark.parametrize(
    "params",
    [
        {"from": "abc", "to": "1"},
        {"from": "1 OR 1=1"},
        {"to": "99999999999999999999999"},
        {"from": "-1"},
        {"from": ""},
    ],
)
def test_garbage_version_ids_are_not_found(admin_client, two_revisions, params):
    response = admin_client.get(url_of("compare", two_revisions), params)
    assert response.status_code == 404


def test_versions_of_another_item_are_not_found(admin_client, two_revisions):
    other = PressReleaseFactory()
    record_revision([other])
    foreign = versions_of(other).first()
    mine = versions_of(two_revisions).first()
    url = url_of("compare", two_revisions)
    assert admin_client.get(url, {"from": foreign.pk, "to": mine.pk}).status_code == 404
    # nor through the restore view of the wrong item or model
    assert admin_client.get(url_of("revision", two_revisions, foreign.pk)).status_code == 404
    trip = VisitFactory()
    record_revision([trip])
    trip_version = versions_of(trip).first()
    wrong_model = admin_url("press", "pressrelease", "revision", trip.pk, trip_version.pk)
    assert admin_client.get(wrong_model).status_code == 404


def test_nothing_to_compare_is_said_not_failed(admin_client):
    release = PressReleaseFactory()
    assert "one revision" in admin_client.get(url_of("compare", release)).content.decode()
    record_revision([release])
    only = versions_of(release).get()
    response = admin_client.get(url_of("compare", release), {"from": only.pk, "to": only.pk})
    assert response.status_code == 200
    assert "Choose two different revisions" in response.content.decode()


def test_word_diff_keeps_words_whole_and_joins_neighbouring_changes():
    assert word_diff("the quick brown fox", "the slow red fox") == [
        ("same", "the "),
        ("del", "quick brown"),
        ("ins", "slow red"),
        ("same", " fox"),
    ]
    assert ("ins", "두 곳 ") in word_diff("로봇 공장 방문", "로봇 공장 두 곳 방문")
    assert word_diff("東京へ行く", "京都へ行く")[0] == ("del", "東")


def test_text_of_rich_text_is_its_words_a_line_per_paragraph():
    html = (
        "<h2>Seoul &amp; Paris</h2><p>The mayor <a href='/x'>met</a> them.</p><ul><li>A</li></ul>"
    )
    assert text_of(html) == "Seoul & Paris\nThe mayor met them.\nA"


# --- restoring -------------------------------------------------------------------------


def open_revision(client, obj, version):
    response = client.get(url_of("revision", obj, version.pk))
    assert response.status_code == 200, response
    return response


def test_restore_brings_back_every_language_the_topics_and_the_gallery(admin_client):
    robotics, culture = TopicFactory(name_en="Robotics"), TopicFactory(name_en="Culture")
    first_photo, second_photo = PhotoFactory(), PhotoFactory()
    release = PressReleaseFactory(
        title_en="Robots",
        title_ko="로봇",
        title_zh_hans="机器人",
        title_ja="ロボット",
        topics=[robotics],
        photos=[first_photo],
    )
    neighbour = PressReleaseFactory(title_en="Neighbour")
    record_revision([release, neighbour], None, "Both, as an admin action does")
    old = versions_of(release).first()

    release.refresh_from_db()
    release.title_ko, release.title_ja, release.title_zh_hans = "새 제목", "新しい題", "新标题"
    release.save()
    release.topics.set([culture])
    release.gallery.all().delete()
    release.gallery.create(photo=second_photo, order=0, is_lead=True)
    PressRelease.objects.filter(pk=neighbour.pk).update(title_en="Neighbour, changed")
    release.refresh_from_db()
    lock = release.lock_version

    response = open_revision(admin_client, release, old)
    html = response.content.decode()
    assert "로봇" in html and "ロボット" in html and "机器人" in html  # every tab
    release.refresh_from_db()
    assert release.title_ko == "새 제목"  # only looking changed nothing

    response = admin_client.post(url_of("revision", release, old.pk), post_data(response))
    assert response.status_code == 302, messages_in(response)

    release.refresh_from_db()
    assert (release.title_en, release.title_ko, release.title_zh_hans, release.title_ja) == (
        "Robots",
        "로봇",
        "机器人",
        "ロボット",
    )
    assert list(release.topics.all()) == [robotics]
    assert [item.photo for item in release.gallery.all()] == [first_photo]
    assert release.lock_version == lock + 1  # counts on from now, not from then
    # The other item of the same revision is left alone.
    assert PressRelease.objects.get(pk=neighbour.pk).title_en == "Neighbour, changed"
    latest = versions_of(release).first()
    assert latest.revision.user.username == "admin"
    assert latest.revision.comment.startswith("Restored the revision of")


def test_a_restore_is_refused_when_someone_saved_meanwhile(admin_client):
    release = PressReleaseFactory(title_en="Robots", title_ko="로봇")
    record_revision([release])
    old = versions_of(release).first()
    release.refresh_from_db()
    release.title_ko = "두 번째"
    release.save()

    data = post_data(open_revision(admin_client, release, old))
    theirs = PressRelease.objects.get(pk=release.pk)
    theirs.title_ja = "三番目"
    theirs.save()  # someone else, while the restore form is open

    response = admin_client.post(url_of("revision", release, old.pk), data)
    assert response.status_code == 200
    assert "Not saved" in messages_in(response)
    release.refresh_from_db()
    assert release.title_ko == "두 번째"
    assert release.title_ja == "三番目"
    assert release.lock_version == theirs.lock_version


def test_restore_a_trip_with_its_legs_and_engagements(admin_client):
    trip = VisitFactory(legs=2, title_en="Paris and Beijing", summary_ko="파리와 베이징")
    first_leg = trip.legs.first()
    engagement = EngagementFactory(leg=first_leg, title_en="Meeting", title_ja="会議")
    record_revision([trip])
    old = versions_of(trip).first()

    trip.refresh_from_db()
    trip.summary_ko = "바뀐 요약"
    trip.save()
    Engagement.objects.filter(pk=engagement.pk).update(title_ja="変更")
    extra = EngagementFactory(leg=first_leg, title_en="Added later")

    response = open_revision(admin_client, trip, old)
    response = admin_client.post(url_of("revision", trip, old.pk), post_data(response))
    assert response.status_code == 302, messages_in(response)

    trip.refresh_from_db()
    assert trip.summary_ko == "파리와 베이징"
    assert Engagement.objects.get(pk=engagement.pk).title_ja == "会議"
    assert not Engagement.objects.filter(pk=extra.pk).exists()
    assert Leg.objects.filter(visit=trip).count() == 2


def test_recover_a_deleted_release_with_its_translations(admin_client):
    release = PressReleaseFactory(title_en="Robots", title_ko="로봇", number="SMG-1")
    record_revision([release])
    pk = release.pk
    release.delete()

    listing = admin_client.get(admin_url("press", "pressrelease", "recoverlist"))
    assert "Robots" in listing.content.decode()
    version = Version.objects.get_deleted(PressRelease).get()
    url = admin_url("press", "pressrelease", "recover", version.pk)
    response = admin_client.get(url)
    assert response.status_code == 200
    response = admin_client.post(url, post_data(response))
    assert response.status_code == 302, messages_in(response)
    assert PressRelease.objects.get(pk=pk).title_ko == "로봇"


def test_restore_a_photo_whose_image_was_replaced_keeps_the_current_file(admin_client, commit):
    photo = PhotoFactory(caption_en="Pier", caption_ko="부두")
    commit()
    old = versions_of(photo).get()
    old_file = photo.image.name

    photo.refresh_from_db()
    photo.caption_ko = "새 부두"
    photo.image = png_file("new.png", size=(20, 10))
    photo.save()
    commit()  # the replaced file is deleted
    photo.refresh_from_db()
    assert not default_storage.exists(old_file)
    current_file = photo.image.name

    response = open_revision(admin_client, photo, old)
    response = admin_client.post(url_of("revision", photo, old.pk), post_data(response))
    assert response.status_code == 302, messages_in(response)
    photo.refresh_from_db()
    assert photo.caption_ko == "부두"
    assert (photo.image.name, photo.width, photo.height) == (current_file, 20, 10)


def test_a_deleted_photo_whose_file_is_gone_is_not_recovered_half(admin_client, commit):
    photo = PhotoFactory()
    commit()
    photo.delete()
    commit()  # its files go with it
    version = Version.objects.get_deleted(Photo).get()
    response = admin_client.get(admin_url("press", "photo", "recover", version.pk))
    assert response.status_code == 302
    assert "cannot be recovered" in admin_client.get(response["Location"]).content.decode()
    assert not Photo.objects.exists()


def test_translators_may_not_restore(client):
    release = PressReleaseFactory(draft=True, title_en="Robots")
    record_revision([release])
    old = versions_of(release).first()
    translator = User.objects.create_user("yuna", password="x", is_staff=True)
    translator.groups.add(Group.objects.get(name="Translator"))
    client.force_login(translator)
    history = client.get(url_of("history", release))
    assert history.status_code == 200
    assert url_of("revision", release, old.pk) not in history.content.decode()
    assert client.get(url_of("revision", release, old.pk)).status_code == 403


def test_restore_keeps_the_lock_number_and_the_preview_key():
    release = PressReleaseFactory(draft=True, title_ko="로봇")
    record_revision([release])
    old = versions_of(release).first()
    release.refresh_from_db()
    release.title_ko = "새"
    release.revoke_previews()  # the links shared so far stop working
    release.save()
    release.save()
    with transaction.atomic():
        restore(old)
    fresh = PressRelease.objects.get(pk=release.pk)
    assert fresh.title_ko == "로봇"
    assert fresh.lock_version == release.lock_version  # not the old number
    assert fresh.preview_key == release.preview_key  # revoked links stay revoked


def test_two_people_are_told_apart_in_the_history():
    """Two people's saves are told apart in the history."""
    release = PressReleaseFactory()
    for name in ("minji", "haruto"):
        user = User.objects.create_superuser(name, password="x")
        browser = Client()
        browser.force_login(user)
        url = url_of("change", release)
        data = post_data(browser.get(url))
        data["subtitle_en"] = f"By {name}"
        assert browser.post(url, data).status_code == 302
    users = [v.revision.user.username for v in versions_of(release)[:2]]
    assert users == ["haruto", "minji"]


def test_recording_a_revision_starts_no_other(commit):
    """A revision's own rows are not registered models: saving them records nothing."""
    release = PressReleaseFactory()
    commit()
    count = Revision.objects.count()
    assert versions_of(release).count() == 1
    commit()
    assert Revision.objects.count() == count
