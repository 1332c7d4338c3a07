"""The audio writer end to end, read back with ffprobe, ffmpeg and mutagen."""

from __future__ import annotations

import json
import subprocess
import wave
from pathlib import Path

import pytest
from mutagen.id3 import ID3, CTOCFlags

from accessnews.cli import main
from accessnews.errors import RenderError, UsageError
from accessnews.model import Article, Paragraph, spans_of
from accessnews.speech.chapters import MAX_SECONDS, MIN_SECONDS
from accessnews.speech.engine import MAX_PIECE
from accessnews.speech.language import language_for
from accessnews.speech.narration import Narration, SpokenBlock
from accessnews.speech.spoken import SpokenForm
from accessnews.speech.writer import AudioOptions, AudioWriter, _check_every_block

from .conftest import Rendered
from .probe import decode_errors, decoded_samples, ffprobe


def chapter_times(rendered: Rendered) -> list[tuple[float, float, str]]:
    return [(c.start_ms / 1000, c.end_ms / 1000, c.title) for c in rendered.result.chapter_list]


def check_file_set(rendered: Rendered) -> None:
    """Exactly the three outputs, no temporary files left behind."""
    outdir = rendered.mp3.parent
    stem = rendered.mp3.stem
    names = sorted(p.name for p in outdir.iterdir())
    assert names == sorted(f"{stem}{ext}" for ext in (".chapters.json", ".chapters.vtt", ".mp3"))


def check_chapters_everywhere(rendered: Rendered) -> None:
    """ffprobe, mutagen, the JSON and the WebVTT files all carry the same chapters."""
    expected = chapter_times(rendered)
    probe = ffprobe(rendered.mp3)
    got = [
        (float(c["start_time"]), float(c["end_time"]), c["tags"]["title"])
        for c in probe["chapters"]
    ]
    assert got == expected
    duration = float(probe["format"]["duration"])
    assert abs(duration - rendered.result.duration) < 0.2
    assert all(0 <= start < end <= duration + 0.1 for start, end, _ in got)
    assert [s for s, _, _ in got] == sorted(s for s, _, _ in got)

    tags = ID3(rendered.mp3, translate=False)
    assert tags.version[:2] == (2, 3)
    (toc,) = tags.getall("CTOC")
    assert toc.flags & CTOCFlags.TOP_LEVEL and toc.flags & CTOCFlags.ORDERED
    chaps = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert toc.child_element_ids == [c.element_id for c in chaps]

    stem = rendered.mp3.with_suffix("")
    document = json.loads(Path(f"{stem}.chapters.json").read_text())
    assert document["version"] == "1.2.0"
    assert [(c["startTime"], c["endTime"], c["title"]) for c in document["chapters"]] == expected
    cues = Path(f"{stem}.chapters.vtt").read_text().split("\n\n")[1:]
    assert len(cues) == len(expected)
    assert decode_errors(rendered.mp3) == ""


def test_reference_article(rendered_seed):
    result = rendered_seed.result
    assert 180 < result.duration < 330  # "about 4 minutes"
    assert result.chapters >= 3
    assert result.chapter_list[0].title == rendered_seed.article.headline
    check_chapters_everywhere(rendered_seed)
    check_file_set(rendered_seed)
    stream = ffprobe(rendered_seed.mp3)["streams"][0]
    assert (stream["codec_name"], stream["channels"], stream["sample_rate"]) == ("mp3", 1, "22050")
    assert stream["bit_rate"] == "64000"
    tags = ffprobe(rendered_seed.mp3)["format"]["tags"]
    assert tags["title"] == rendered_seed.article.headline
    assert tags["artist"] == "Chloe Chaplain"
    assert tags["language"] == "eng"
    assert tags["comment"] == rendered_seed.article.headline  # no standfirst; never a path
    blocks = len(rendered_seed.article.blocks)
    assert rendered_seed.progress[0] == (0, blocks) and rendered_seed.progress[-1] == (
        blocks,
        blocks,
    )
    assert result.summary().startswith("audio ") and f"{result.chapters} chapters" in (
        result.summary()
    )
    assert rendered_seed.article.headline in result.details()


def test_chapter_starts_where_its_audio_begins(rendered_seed):
    """Decoded by ffmpeg: silence (the chapter pause) up to each start, speech right after."""
    rate = 22050
    samples = decoded_samples(rendered_seed.mp3, rate)
    for chapter in rendered_seed.result.chapter_list[1:]:
        start = round(chapter.start_ms * rate / 1000)
        assert max(map(abs, samples[start - rate : start - rate // 50])) < 200
        window = samples[start - rate // 50 : start + rate // 2]
        first_sound = next(i for i, v in enumerate(window) if abs(v) > 300) - rate // 50
        assert 0 <= first_sound * 1000 / rate <= 250, chapter.title


def test_every_block_type_with_sections(rendered_feature):
    result = rendered_feature.result
    assert [c.title for c in result.chapter_list] == [
        "Council approves the new bridge",
        "What happens next",
    ]
    heading = next(b for b in rendered_feature.article.blocks if b.text == "What happens next")
    assert result.chapter_list[1].block_id == heading.id
    check_chapters_everywhere(rendered_feature)
    tags = ID3(rendered_feature.mp3, translate=False)
    assert str(tags["TALB"]) == "The Test Gazette"
    assert (str(tags["TYER"]), str(tags["TDAT"])) == ("2017", "2303")
    assert str(tags["TPE1"]) == "Jane Smith, Omar Ali"


def test_thirty_thousand_characters_give_audio_matching_the_text(rendered_long, tmp_path):
    """The whole text is spoken: our speech lasts as long as espeak-ng's own rendering."""
    article = rendered_long.article
    assert sum(len(b.text) for b in article.blocks) >= 30_000
    assert max(len(b.text) for b in article.blocks) > 2 * MAX_PIECE
    texts = [u.text for u in SpokenForm(language_for("en-GB"), quote_voice=True).article(article)]
    text_file = tmp_path / "spoken.txt"
    text_file.write_text("\n".join(texts))
    wav = tmp_path / "cli.wav"
    subprocess.run(
        ["espeak-ng", "-v", "gmw/en", "-s", "175", "-w", str(wav), "-f", str(text_file)],
        check=True,
    )
    with wave.open(str(wav)) as cli:
        cli_seconds = cli.getnframes() / cli.getframerate()
    result = rendered_long.result
    assert abs(result.speech / cli_seconds - 1) < 0.06
    assert result.duration > result.speech
    check_chapters_everywhere(rendered_long)
    # after the headline chapter, sections of ~2.5 minutes are split into navigable parts;
    # the last chapter holds the 9,300-character paragraph, which no block boundary splits
    lengths = [(c.end_ms - c.start_ms) / 1000 for c in result.chapter_list[1:-1]]
    assert len(lengths) > 20
    assert all(MIN_SECONDS * 0.7 <= s <= MAX_SECONDS * 1.3 for s in lengths)


def test_a_block_without_audio_fails_loudly(rendered_feature, tmp_path):
    article = rendered_feature.article
    utterances = SpokenForm(language_for("en")).article(article)
    blocks = tuple(
        SpokenBlock(u.block_id, u.kind, 0, 100 * n, 100 * n + 50, ())
        for n, u in enumerate(utterances)
        if u.block_id != article.blocks[2].id
    )
    narration = Narration(22050, 100 * len(utterances), blocks, (), "en", tmp_path / "x.pcm")
    with pytest.raises(RenderError, match=article.blocks[2].id):
        _check_every_block(article, narration)


def test_block_that_gives_no_audio_fails_loudly_and_leaves_no_files(tmp_path):
    article = Article("Headline", (Paragraph(spans_of("Some text.")), Paragraph(spans_of(" "))))
    with (
        AudioWriter(AudioOptions()) as writer,
        pytest.raises(RenderError, match=f"no audio for 1 block.*{article.blocks[1].id}"),
    ):
        writer.write(article, tmp_path, "empty")
    assert list(tmp_path.iterdir()) == []


def test_unknown_voice_lists_the_available_profiles():
    """Refused when the writer opens (it needs the engine's voice list), before any article."""
    with pytest.raises(UsageError, match="en-GB, en-US, es, fr"):
        AudioWriter(AudioOptions(voice="klingon")).__enter__()


@pytest.mark.parametrize(
    ("options", "message"), [({"rate": 20}, "^rate 20 "), ({"bitrate": 65}, "^bitrate 65 ")]
)
def test_bad_rate_or_bitrate_is_a_usage_error(options, message):
    """Before any work: the bitrate when the options are made, the rate (whose range is the
    engine's) when the engine opens."""
    with pytest.raises(UsageError, match=message):
        AudioWriter(AudioOptions(**options)).__enter__()


def test_cli_renders_audio_and_prints_a_summary(seed_path, tmp_path, capsys):
    assert (
        main(["render", str(seed_path), "-o", str(tmp_path), "--no-braille", "--rate", "220"]) == 0
    )
    out = capsys.readouterr().out
    assert out.startswith(f"{seed_path.stem}: audio ") and "chapters" in out
    assert (tmp_path / f"{seed_path.stem}.mp3").is_file()


def test_a_language_without_speech_rules_is_read_and_said_so(tmp_path):
    """Polish has an espeak-ng voice but no rules file: read by that voice, with a warning."""
    article = Article(
        headline="Nowy plan",
        blocks=(Paragraph(spans_of("Rada miasta zatwierdziła wczoraj nowy plan ruchu.")),),
        language="pl",
    )
    with AudioWriter(AudioOptions()) as writer:
        result = writer.write(article, tmp_path, "pl")
    assert result.voice != "en-GB"
    assert any("no speech rules for language 'pl'" in w for w in result.warnings)


def test_the_id3_description_has_no_local_path(rendered_seed):
    """Podcast apps show the comment as the description: no path of the user's machine in it."""
    (comment,) = ID3(rendered_seed.mp3).getall("COMM")
    assert rendered_seed.article.source and rendered_seed.article.source.startswith("/")
    assert comment.text[0] and "/" not in comment.text[0]
    assert comment.text[0] == (rendered_seed.article.standfirst or rendered_seed.article.headline)
