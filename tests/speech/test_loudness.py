"""Loudness: every MP3 at -19 +-1 LUFS with true peak <= -1 dBTP, measured by ffmpeg's ebur128.

Articles in six languages (four scripts) are rendered by the real writer (espeak-ng, the
loudness stage, LAME) and an edition is made of them; ffmpeg measures the files. The meter and
the limiter are also checked on their own against ffmpeg, on real espeak-ng speech.
"""

from __future__ import annotations

import array
import random
from pathlib import Path

import pytest

from accessnews.model import Article
from accessnews.speech.edition import Piece, audio_edition
from accessnews.speech.loudness import (
    SAMPLE_WIDTH,
    GatingBlocks,
    IntegratedLoudness,
    LoudnessStream,
)
from accessnews.speech.writer import AudioOptions, AudioResult, AudioWriter

from .conftest import paragraph
from .probe import ebur128

RATE = 22050
# About 15 s of speech each: the EBU meter's gating is unreliable on a few seconds.
ARTICLES = {
    "en-GB": (
        "Council approves the new bridge",
        "Councillors voted on Tuesday to build a new bridge across the river, ending a dispute "
        "that has divided the town for more than ten years.",
        "Work is expected to begin next spring, and the bridge should open to traffic in two "
        "years, the council said in a statement.",
    ),
    "es": (
        "El ayuntamiento aprueba el nuevo puente",
        "Los concejales votaron el martes a favor de construir un nuevo puente sobre el río, "
        "poniendo fin a una disputa que ha dividido a la ciudad durante más de diez años.",
        "Las obras comenzarán la próxima primavera y el puente abrirá dentro de dos años.",
    ),
    "fr": (
        "Le conseil approuve le nouveau pont",
        "Les conseillers ont voté mardi la construction d'un nouveau pont sur la rivière, "
        "mettant fin à un conflit qui divise la ville depuis plus de dix ans.",
        "Les travaux doivent commencer au printemps prochain et le pont ouvrira dans deux ans.",
    ),
    "de": (
        "Stadtrat genehmigt die neue Brücke",
        "Die Stadträte stimmten am Dienstag für den Bau einer neuen Brücke über den Fluss und "
        "beendeten damit einen Streit, der die Stadt seit mehr als zehn Jahren spaltet.",
        "Die Arbeiten sollen im nächsten Frühjahr beginnen, die Brücke in zwei Jahren öffnen.",
    ),
    "ar": (
        "المجلس يوافق على الجسر الجديد",
        "صوت أعضاء المجلس يوم الثلاثاء لصالح بناء جسر جديد فوق النهر، منهين بذلك خلافا قسم "
        "المدينة لأكثر من عشر سنوات.",
        "ومن المتوقع أن تبدأ الأعمال في الربيع المقبل، وأن يفتح الجسر بعد عامين.",
    ),
    "zh": (
        "市议会批准新桥",
        "市议员周二投票决定在河上建造一座新桥，结束了这座城市十多年来的争论。",
        "工程预计明年春天开始，大桥将在两年后通车。市议会在一份声明中说，新桥将缓解市中心的交通压力。",
    ),
}


def _check(path: Path) -> None:
    measured = ebur128(path)
    assert -20.0 <= measured.integrated <= -18.0, (path.name, measured)
    assert measured.true_peak <= -1.0, (path.name, measured)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, AudioResult]:
    outdir = tmp_path_factory.mktemp("loudness")
    results = {}
    with AudioWriter(AudioOptions()) as writer:
        for language, (headline, *paragraphs) in ARTICLES.items():
            article = Article(
                headline=headline,
                blocks=tuple(paragraph(text) for text in paragraphs),
                language=language,
            )
            results[language] = writer.write(article, outdir, language)
    return results


@pytest.mark.parametrize("language", ARTICLES)
def test_every_language_lands_at_minus_19_lufs_under_minus_1_dbtp(rendered, language):
    assert rendered[language].speech > 8  # long enough for the meter's gates
    _check(rendered[language].files[0])


def test_the_edition_lands_there_too(rendered, tmp_path):
    pieces = [Piece(language, result.files[0]) for language, result in rendered.items()]
    edition = audio_edition(pieces, tmp_path, "Loudness edition", 64)
    _check(edition.files[0])


def test_low_bitrates_keep_the_true_peak_under_minus_1_dbtp(tmp_path):
    headline, *paragraphs = ARTICLES["en-GB"]
    article = Article(headline=headline, blocks=tuple(map(paragraph, paragraphs)))
    with AudioWriter(AudioOptions(bitrate=8)) as writer:
        _check(writer.write(article, tmp_path, "low").files[0])


@pytest.fixture(scope="module")
def speech(engine) -> bytes:
    """About 10 s of real espeak-ng speech, as the writer would hand it to the stage."""
    from accessnews.speech.engine import VoiceSettings

    engine.use(VoiceSettings("gmw/en", 175))
    return engine.speak(" ".join(ARTICLES["en-GB"]))


def _processed(pcm: bytes, **levels: float) -> bytes:
    out = bytearray()
    stream = LoudnessStream(RATE, out.extend, **levels)
    for start in range(0, len(pcm), 8191):  # odd sizes: a pipe may cut a sample in two
        stream.write(pcm[start : start + 8191])
    stream.finish()
    return bytes(out)


def test_the_meter_agrees_with_ffmpeg(speech, tmp_path):
    blocks, integrated = GatingBlocks(RATE), IntegratedLoudness()
    for block in blocks.feed(speech):
        integrated.add(block)
    (tmp_path / "speech.pcm").write_bytes(speech)
    ours = integrated.value()
    assert ours is not None
    assert abs(ours - ebur128(tmp_path / "speech.pcm", RATE).integrated) <= 0.1


def test_the_stream_reaches_its_target_and_ceiling_on_the_pcm(speech, tmp_path):
    out = _processed(speech, target=-17.0, ceiling=-2.0)  # 3.5 dB more gain than espeak-ng
    (tmp_path / "out.pcm").write_bytes(out)
    measured = ebur128(tmp_path / "out.pcm", RATE)
    assert abs(measured.integrated - -17.0) <= 0.5
    assert measured.true_peak <= -2.0


def test_the_stream_keeps_every_sample_in_place(speech):
    """Chapter times are counted on the writer's PCM: none may move or go missing."""
    before, after = bytes(12345 * SAMPLE_WIDTH), bytes(999 * SAMPLE_WIDTH)
    out = _processed(before + speech + after)
    assert len(out) == len(before) + len(speech) + len(after)
    first = next(i for i in range(0, len(speech), 2) if speech[i : i + 2] != b"\0\0")
    head = len(before) + first
    assert out[:head] == bytes(head) and out[head : head + 2] != b"\0\0"
    assert out[-len(after) :] == after


def test_silence_stays_silence():
    pcm = bytes(RATE * SAMPLE_WIDTH)
    assert _processed(pcm) == pcm


def test_noise_is_limited_below_full_scale(tmp_path):
    """White noise at full scale: the worst case for inter-sample peaks, which an
    interpolation misses most near the top of the band, where speech has little."""
    rng = random.Random(7)
    noise = array.array("h", (rng.randint(-32768, 32767) for _ in range(RATE * 5))).tobytes()
    (tmp_path / "noise.pcm").write_bytes(_processed(noise, target=-3.0, ceiling=-1.0))
    assert ebur128(tmp_path / "noise.pcm", RATE).true_peak <= -1.0 + 0.2
