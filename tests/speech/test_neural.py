"""The neural engine behind the seam: hibari-tts through its pyttsx3 driver, the writer on it,
and the choice of engine per article. Skipped where the `neural` extra is not installed."""

from __future__ import annotations

import resource

import pytest

from accessnews.cli import main
from accessnews.errors import AccessnewsError
from accessnews.model import Article, Paragraph, spans_of
from accessnews.speech.engine import SAMPLE_WIDTH, SpeechEngine, VoiceSettings
from accessnews.speech.engines.neural import NEURAL
from accessnews.speech.language import language_for
from accessnews.speech.spoken import SpokenForm
from accessnews.speech.voicing import Voicing
from accessnews.speech.writer import AudioOptions, AudioWriter

from .conftest import SENTENCES, feature_article
from .probe import ffprobe

pytestmark = pytest.mark.skipif(
    NEURAL.missing() is not None, reason="the neural extra is not installed"
)
HEART = VoiceSettings("heart", 170)
TEXT = " ".join(SENTENCES)


@pytest.fixture(scope="module")
def neural() -> SpeechEngine:
    engine = SpeechEngine("neural")
    engine.use(HEART)
    return engine


def test_two_syntheses_are_byte_identical(neural):
    fresh = SpeechEngine("neural")
    fresh.use(HEART)
    assert neural.speak(TEXT) == fresh.speak(TEXT)


def test_marks_are_sentences_each_with_audio(neural):
    result = neural.synthesize(TEXT)
    assert [TEXT[m.start : m.end] for m in result.marks] == list(SENTENCES)
    starts = [m.sample for m in result.marks] + [len(result.pcm) // SAMPLE_WIDTH]
    assert all(a < b for a, b in zip(starts, starts[1:], strict=False))
    assert result.finished and result.consumed == len(TEXT)


def test_rate_in_words_per_minute_is_honoured(neural):
    durations = {}
    for rate in (120, 240):
        neural.use(VoiceSettings("heart", rate))
        durations[rate] = len(neural.speak(TEXT)) / SAMPLE_WIDTH / neural.sample_rate
    neural.use(HEART)
    words = len(TEXT.split())
    assert 0.7 < durations[120] / (words * 60 / 120) < 1.4
    assert 1.6 < durations[120] / durations[240] < 2.4


def test_an_unpunctuated_run_is_cut_before_synthesis_and_memory_stays_flat(neural):
    """hibari's memory grows steeply with one call's length (GBs for 10,000 characters)."""
    run = " ".join(["the council and the mayor met again"] * 150)  # 5,400 characters
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    warnings: list[str] = []
    pcm = neural.speak(run, warnings)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert warnings == [] and len(pcm) / SAMPLE_WIDTH / neural.sample_rate > 200
    assert grown_mb < 200


def test_pitch_and_volume_change_the_audio(neural):
    base = neural.speak("The council met on Tuesday.")
    for settings in (VoiceSettings("heart", 170, pitch=70), VoiceSettings("heart", 170, 50, 50)):
        neural.use(settings)
        changed = neural.speak("The council met on Tuesday.")
        assert changed != base and abs(len(changed) - len(base)) < len(base) // 10
    neural.use(HEART)


def test_only_voices_on_this_machine_are_offered(neural):
    assert "heart" in [voice.id for voice in neural.installed_voices()]
    with pytest.raises(AccessnewsError, match="no voice 'nonexistent'"):
        neural.use(VoiceSettings("nonexistent", 170))
    neural.use(HEART)


def test_british_dates_and_money_are_read_the_british_way_by_the_american_voice(neural):
    """The spoken form follows the article's language, not the voice's."""
    from hibari import Hibari

    article = Article(
        "H", (Paragraph(spans_of("On 5/3/2024 the tickets cost £5.50 each.")),), language="en-GB"
    )
    cast = Voicing(("neural",)).cast(article)
    assert cast.profile.voice == "heart" and cast.notes == ()
    spoken = SpokenForm(language_for(article.language), cast.profile.lexicon, False)
    text = spoken.article(article)[-1].text
    g2p = Hibari()
    uk = "On the fifth of March twenty twenty four the tickets cost five pounds fifty each."
    assert g2p.phonemize(text) == g2p.phonemize(uk)


def test_render_writes_an_mp3_at_24_khz_with_chapters(tmp_path):
    with AudioWriter(AudioOptions(engine=("neural",), bitrate=48)) as writer:
        result = writer.write(feature_article(), tmp_path, "feature")
    probe = ffprobe(result.files[0])
    assert probe["streams"][0]["sample_rate"] == "24000"
    assert len(probe["chapters"]) == result.chapters >= 2
    assert result.warnings == () and result.voice == "heart"
    assert "hibari-tts voice heart" in probe["format"]["tags"]["encoder"]


def test_other_languages_and_scripts_are_read_by_espeak_with_a_note(tmp_path):
    voicing = Voicing(("neural",))
    french = Article("Titre", (Paragraph(spans_of("Le conseil a voté.")),), language="fr")
    cast = voicing.cast(french)
    assert cast.engine.spec.name == "espeak" and cast.profile.name == "fr"
    assert cast.notes == ("hibari-tts cannot read language 'fr': read with espeak-ng instead",)
    arabic = Article("Title", (Paragraph(spans_of("قال المجلس")),), language="en")
    assert "arabic script" in voicing.cast(arabic).notes[0]


def test_cli_engine_option(tmp_path, capsys):
    story = tmp_path / "story.txt"
    story.write_text("A headline\n\nThe council met on Tuesday. It voted for the bridge.\n")
    assert (
        main(["render", str(story), "-o", str(tmp_path), "--no-braille", "--engine", "neural"]) == 0
    )
    assert ffprobe(tmp_path / "story.mp3")["streams"][0]["sample_rate"] == "24000"
    assert main(["render", str(story), "-o", str(tmp_path), "--engine", "festival", "--force"]) == 2
    assert "unknown speech engine 'festival'" in capsys.readouterr().err
    assert main(
        [
            "render",
            str(story),
            "-o",
            str(tmp_path),
            "--rate",
            "400",
            "--engine",
            "neural",
            "--force",
        ]
    )
    assert "rate 400 is out of range; use 85-330" in capsys.readouterr().err
