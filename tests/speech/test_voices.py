"""Voice profiles are data; every shipped profile works with the installed engine."""

from __future__ import annotations

import pytest

from accessnews.errors import AccessnewsError
from accessnews.speech.voices import (
    describe_voices,
    load_profiles,
    select_profile,
    voice_warning,
)

PROFILES = load_profiles()


def test_shipped_profiles_cover_british_american_spanish_french():
    assert {"en-GB", "en-US", "es", "fr", "heart"} <= set(PROFILES)
    for profile in PROFILES.values():
        assert profile.rate > 0 and profile.pauses.chapter >= profile.pauses.paragraph


@pytest.mark.parametrize(
    ("language", "name"),
    [("en", "en-GB"), ("en-GB", "en-GB"), ("en-us", "en-US"), ("es-MX", "es"), ("fr", "fr"),
     ("de", "gmw/de"), ("it-IT", "roa/it"), ("pt-BR", "roa/pt-BR"), ("pt", "roa/pt"),
     ("zh", "sit/cmn"), ("zh-TW", "sit/cmn"), ("yue", "sit/yue"), ("tlh", "en-GB")],
)  # fmt: skip
def test_article_language_picks_the_profile(language, name, engine):
    """Hand-tuned profiles first; any other language espeak-ng speaks gets its own voice, found
    among all the languages a voice declares ("zh" is the second of sit/cmn's)."""
    profile = select_profile(PROFILES, None, language, engine.installed_voices())
    assert profile.name == name
    assert (voice_warning(profile, language) is None) == (language != "tlh")


def test_an_espeak_voice_id_is_a_voice(engine):
    profile = select_profile(PROFILES, "roa/IT", "en", engine.installed_voices())
    assert (profile.voice, profile.rate) == ("roa/it", PROFILES["en-GB"].rate)
    engine.use(profile.settings())
    assert engine.speak("Buongiorno a tutti.")


def test_named_voice_wins_over_the_language_and_ignores_case():
    assert select_profile(PROFILES, "FR", "en-GB").name == "fr"


def test_unknown_voice_error_lists_available_profiles():
    with pytest.raises(AccessnewsError, match="unknown voice 'xx'.*en-GB, en-US, es, fr.*espeak"):
        select_profile(PROFILES, "xx", "en")


@pytest.mark.parametrize("name", sorted(n for n, p in PROFILES.items() if p.engine == "espeak"))
def test_every_profile_voice_is_installed(name, engine):
    """(The neural profiles are tried in tests/speech/test_neural.py, where the extra is.)"""
    profile = PROFILES[name]
    for quoted in (False, True):
        engine.use(profile.settings(quoted=quoted))
        assert engine.speak("One two three.")


def test_invalid_profile_is_a_user_error(tmp_path):
    (tmp_path / "bad.toml").write_text('voice = "gmw/en"\n')  # no rate
    with pytest.raises(AccessnewsError, match="bad.toml is invalid"):
        load_profiles(tmp_path)


def test_describe_voices_lists_profiles_and_engine_voices():
    text = describe_voices()
    assert all(name in text for name in PROFILES)
    assert "gmw/en-US" in text and "roa/fr" in text


def test_a_profile_of_another_engine_is_refused_by_name():
    with pytest.raises(AccessnewsError, match="'heart' is for the neural engine, not espeak"):
        select_profile(PROFILES, "heart", "en")


def test_language_picks_among_the_engine_s_own_profiles():
    assert select_profile(PROFILES, None, "en-GB", (), "neural").name == "heart"
    assert select_profile(PROFILES, None, "en-US", (), "espeak").name == "en-US"


def test_a_profile_naming_an_unknown_engine_is_a_user_error(tmp_path):
    (tmp_path / "odd.toml").write_text('voice = "x"\nrate = 170\nengine = "festival"\n')
    with pytest.raises(AccessnewsError, match="odd.toml names an unknown engine 'festival'"):
        load_profiles(tmp_path)
