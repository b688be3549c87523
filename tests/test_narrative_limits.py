"""Narrative renderings are bounded: time, size of values and output, size of override files."""

from __future__ import annotations

import signal
import threading
import time
import tracemalloc
from pathlib import Path

import pytest
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from lkjip import format as fmt
from lkjip import sandbox, text
from lkjip.checks import check
from lkjip.errors import NarrativeError
from lkjip.konteks import konteks
from lkjip.report import buka
from tests.conftest import DATA

NESTED_LOOP = "{% for i in range(99999) %}{% for j in range(99999) %}{{ '' }}{% endfor %}{% endfor %}"
QUIET_NESTED_LOOP = "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}"
LIMIT = 1.0


def _timed(source: str, location: str = "narasi/penutup.md", **kw) -> tuple[float, NarrativeError]:
    start = time.monotonic()
    with pytest.raises(NarrativeError) as info:
        text.render(source, {"nama": "Ajibarang"}, location, **kw)
    return time.monotonic() - start, info.value


# ---------------------------------------------------------------- time


@pytest.mark.parametrize("source", [NESTED_LOOP, QUIET_NESTED_LOOP])
def test_nested_loop_stops_within_the_limit_in_the_main_thread(source):
    before = signal.getsignal(signal.SIGALRM)
    elapsed, exc = _timed(source, seconds=LIMIT)
    assert elapsed < 3 * LIMIT
    assert exc.location == "narasi/penutup.md"
    assert "melampaui batas waktu 1 detik" in exc.message and "{% for %}" in exc.message
    assert str(exc).startswith("narasi/penutup.md: Narasi melampaui batas waktu") and "Perbaikan:" in str(exc)
    # the timer and the handler are put back as they were
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_nested_loop_stops_by_the_deadline_outside_the_main_thread():
    """No SIGALRM in a thread: range() checks the deadline itself."""
    found: list[tuple[float, NarrativeError]] = []
    worker = threading.Thread(target=lambda: found.append(_timed(QUIET_NESTED_LOOP, seconds=LIMIT)))
    worker.start()
    worker.join(timeout=10 * LIMIT)
    assert not worker.is_alive()
    [(elapsed, exc)] = found
    assert elapsed < 3 * LIMIT and "batas waktu" in exc.message


def test_timer_and_handler_are_restored_however_the_alarm_and_the_deadline_race():
    """The deadline check and the timer fire at about the same moment: whichever wins, cleanup completes."""
    before = signal.getsignal(signal.SIGALRM)
    for _ in range(40):
        _, exc = _timed(QUIET_NESTED_LOOP, seconds=0.02)
        assert "batas waktu" in exc.message
        assert signal.getsignal(signal.SIGALRM) is before
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert text.render("{{ nama }}", {"nama": "x"}) == "x"


def test_an_earlier_timer_is_restored():
    calls = []
    old = signal.signal(signal.SIGALRM, lambda *_: calls.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        text.render("{{ nama }}", {"nama": "x"})
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 25 < remaining <= 30
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    assert calls == []


# ---------------------------------------------------------------- size of values and output


@pytest.mark.parametrize(
    "source",
    [
        '{{ "x" * 10**9 }}',
        "{{ [1] * 10**9 }}",
        "{{ 10 ** 100000000 }}",
        "{{ (10 ** 3000) * (10 ** 3000) * (10 ** 3000) * (10 ** 3000) }}",
        '{% set ns = namespace(s="x") %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}',
        '{% set a = "x" * 200000 %}{% set b = a ~ a %}{% set c = b ~ b %}{{ c ~ c }}',
        '{% macro f(s) %}{{ f(s ~ s) }}{% endmacro %}{{ f("x") }}',
        '{{ range(100000) | join("x" * 200000) }}',
        '{{ ("x" * 200000) | replace("x", "yy") }}',
        '{{ ("x" * 200000).replace("x", "yy") }}',
        '{{ ("x" * 200000 + "x" * 200000) }}',
        '{{ "%0999999999d" % 1 }}',
        "{{ 1 | angka(10**9) }}",
    ],
)
def test_huge_values_are_refused_before_they_are_built(source):
    tracemalloc.start()
    try:
        elapsed, exc = _timed(source, seconds=LIMIT)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < LIMIT
    assert peak < 20_000_000, peak  # never the gigabyte the template asks for
    assert "sangat besar" in exc.message and "batas 300.000 karakter" in exc.message


@pytest.mark.parametrize(
    "source",
    ['{{ "x".ljust(10**9) }}', '{{ "{:>999999999}".format(1) }}', "{{ nama.zfill(10**9) }}", "{{ [].append(1) }}"],
)
def test_padding_methods_are_not_offered(source):
    elapsed, exc = _timed(source, seconds=LIMIT)
    assert elapsed < LIMIT and "tidak diizinkan" in exc.message and "upper" in exc.fix


@pytest.mark.parametrize("name", sorted(sandbox.REFUSED_FILTERS))
def test_padding_filters_are_not_offered(name):
    assert name not in text._env().filters
    with pytest.raises(NarrativeError, match=f"No filter named '{name}'"):
        text.render(f"{{{{ nama | {name}(10) }}}}", {"nama": "x"}, seconds=LIMIT)


def test_rendered_section_is_capped():
    source = "{% for i in range(100) %}" + "kalimat panjang " * 250 + "\n{% endfor %}"  # 400.000 characters
    _, exc = _timed(source)
    assert "melebihi batas 300.000 karakter" in exc.message


def test_everyday_templates_still_work():
    html = text.render(
        "{{ nama | upper }} {{ [1, 2, 3] | join(', ') }} {{ 'a' ~ 'b' }} {{ 7 % 2 }} {{ '%s!' % nama }} "
        "{% set ns = namespace(n=0) %}{% for m in misi %}{% set ns.n = ns.n + 1 %}{{ loop.index }}{% endfor %} "
        "{{ ns.n }} {{ nama.replace('A', 'a') }} {{ range(3) | list | length }} {{ 2 ** 10 }} {{ 1234567 | angka }}",
        {"nama": "Ajibarang", "misi": [{"nomor": 1}, {"nomor": 2}]},
    )
    assert html == "AJIBARANG 1, 2, 3 ab 1 Ajibarang! 12 2 ajibarang 3 1024 1.234.567"


def _plain_env() -> SandboxedEnvironment:
    """The environment before limits: what the bounded one must agree with on normal templates."""
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)
    env.filters.update(
        angka=fmt.angka,
        persen=fmt.persen,
        rupiah=fmt.rupiah,
        nilai=fmt.nilai,
        terbilang=fmt.terbilang,
        hitungan=fmt.hitungan,
    )
    return env


def test_bundled_narratives_render_exactly_as_without_limits():
    lap = buka("ajibarang", 2023)
    ctx = {**konteks(lap.data, lap.hasil), "program": ["Program A", "Program B"]}
    sources = {name: text.default_template(name) for name in [*text.section_names(), "_analisis_sasaran"]}
    sources |= {p.name: p.read_text(encoding="utf-8") for p in (DATA / "kecamatan").rglob("narasi/*.md")}
    assert len(sources) > 20
    plain = _plain_env()
    for name, source in sources.items():
        assert text.render(source, ctx, name) == plain.from_string(source).render(**ctx), name


# ---------------------------------------------------------------- override files


def _penutup(data: Path) -> Path:
    folder = data / "kecamatan" / "ajibarang" / "2023" / "narasi"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "penutup.md"


def test_a_10_mb_override_is_refused_by_validation_without_being_read(data_copy, monkeypatch):
    big = _penutup(data_copy)
    big.write_text("Kalimat narasi yang sangat panjang.\n" * 290_000, encoding="utf-8")  # about 10 MB
    size = big.stat().st_size
    assert size > 10_000_000
    for method in ("open", "read_text", "read_bytes"):
        real = getattr(Path, method)

        def guarded(self, *args, _real=real, **kwargs):
            assert self.name != "penutup.md", "the oversized file must not be opened"
            return _real(self, *args, **kwargs)

        monkeypatch.setattr(Path, method, guarded)
    start = time.monotonic()
    report = check(data_copy, 2023, ["ajibarang"])
    assert time.monotonic() - start < 10
    [p] = report.errors
    assert p.location.endswith("ajibarang/2023/narasi/penutup.md") and p.kecamatan == "ajibarang"
    assert f"berukuran {fmt.angka(size)} bita" in p.message and "batas 200.000 bita" in p.message
    assert "Persingkat" in p.fix


def test_read_override_reads_at_most_the_limit(tmp_path, monkeypatch):
    """A file that grows after stat() is still read only up to the limit."""
    path = tmp_path / "penutup.md"
    path.write_text("ok", encoding="utf-8")
    monkeypatch.setattr(text, "MAX_FILE_BYTES", 10)
    assert text.read_override(path) == "ok"
    path.write_bytes(b"x" * 1000)
    with pytest.raises(NarrativeError, match="melebihi batas 10 bita"):
        text.read_override(path)
    monkeypatch.setattr(text, "MAX_FILE_CHARS", 3)
    path.write_text("ééé", encoding="utf-8")  # 6 bytes, 3 characters: within both limits
    assert text.read_override(path) == "ééé"
    path.write_text("éééé", encoding="utf-8")
    with pytest.raises(NarrativeError, match="berisi 4 karakter, melebihi batas 3 karakter"):
        text.read_override(path)
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(NarrativeError, match="bukan teks UTF-8"):
        text.read_override(path)


def test_the_report_reads_overrides_through_the_same_limit(data_copy, monkeypatch):
    """A file that grew after validation is refused when the outline reads it."""
    _penutup(data_copy).write_text("x" * 250_000, encoding="utf-8")
    monkeypatch.setattr("lkjip.report.check", lambda *a, **k: check(DATA, 2023, ["ajibarang"]))
    with pytest.raises(NarrativeError, match=r"penutup.md: Berkas narasi berukuran 250\.000 bita"):
        buka("ajibarang", 2023, data_copy)


# ---------------------------------------------------------------- lkjip check renders overrides


def _check_errors(data: Path) -> dict[str, str]:
    return {p.location.rsplit("/", 1)[-1]: p for p in check(data, 2023, ["ajibarang"]).errors}


def test_check_trial_renders_overrides_with_the_real_placeholders(data_copy, monkeypatch):
    monkeypatch.setattr(text, "MAX_SECONDS", LIMIT)
    narasi = _penutup(data_copy).parent
    (narasi / "penutup.md").write_text("Penutup.\n\n" + NESTED_LOOP, encoding="utf-8")
    (narasi / "ikhtisar.md").write_text('Ikhtisar {{ "x" * 10**9 }}', encoding="utf-8")
    (narasi / "latar_belakang.md").write_text("{{ jumlah_indikator / (jumlah_indikator - 6) }}", encoding="utf-8")
    (narasi / "kata_pengantar.md").write_text("{{ nama }}: {{ misi | length | hitungan('misi') }}", encoding="utf-8")
    # an analisis_<kode> override gets its own placeholder, program
    (narasi / "analisis_S1.md").write_text("{{ program | join('; ') }} {{ program[99] }}", encoding="utf-8")
    start = time.monotonic()
    errors = _check_errors(data_copy)
    assert time.monotonic() - start < 3 * LIMIT + 5
    assert set(errors) == {"penutup.md", "ikhtisar.md", "latar_belakang.md", "analisis_S1.md"}
    assert "melampaui batas waktu 1 detik" in errors["penutup.md"].message
    assert errors["penutup.md"].kecamatan == "ajibarang" and "{% for m in misi %}" in errors["penutup.md"].fix
    assert "sangat besar" in errors["ikhtisar.md"].message
    # ajibarang has 6 indicators: the real value, not a dummy, reaches the template
    assert "ZeroDivisionError" in errors["latar_belakang.md"].message
    assert "Narasi gagal dibuat" in errors["analisis_S1.md"].message


def test_check_does_not_trial_render_when_the_data_has_errors(data_copy, edit, monkeypatch):
    from tests.conftest import set_cell

    monkeypatch.setattr(text, "MAX_SECONDS", LIMIT)
    _penutup(data_copy).write_text(NESTED_LOOP, encoding="utf-8")
    edit("profil", set_cell(2, "penduduk_laki", "banyak"))
    errors = check(data_copy, 2023, ["ajibarang"]).errors
    assert errors and not any("penutup.md" in p.location for p in errors)


def test_limits_are_documented_for_analysts():
    from lkjip import render

    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert f"{text.MAX_FILE_BYTES // 1000} KB dan {fmt.angka(text.MAX_FILE_CHARS)} karakter" in readme
    assert f"| {fmt.nilai(sandbox.MAX_SECONDS)} detik |" in readme
    assert f"| {fmt.angka(sandbox.MAX_OUTPUT_CHARS)} karakter |" in readme
    assert f"{render.CELL_TIMEOUT} detik (ubah dengan variabel lingkungan `{render.CELL_TIMEOUT_ENV}`" in readme
    for name in sandbox.REFUSED_FILTERS:
        assert f"`{name}`" in readme


# ---------------------------------------------------------------- nesting and recursion

MACRO_RECURSION = "{% macro r(n) %}{{ r(n+1) }}{% endmacro %}{{ r(0) }}"
LOOP_RECURSION = "{% for x in [[1]] recursive %}{{ loop([x]) }}{% endfor %}"
DEEP_PARENS = "{{ " + "(" * 120 + "1" + ")" * 120 + " }}"
DEEP_FOR = "".join("{% for x" + str(i) + " in [1] %}" for i in range(25)) + "{{ 1 }}" + "{% endfor %}" * 25
DEEP_NOT = "{{ " + "not " * 300 + "1 }}"
LONG_SUM = "{{ 1" + " + 1" * 3000 + " }}"
DEEP_LIST = "{% set ns = namespace(x=[]) %}{% for i in range(200) %}{% set ns.x = [ns.x] %}{% endfor %}{{ ns.x }}"
STATIC = {"kurung": DEEP_PARENS, "for-25": DEEP_FOR, "not": DEEP_NOT, "jumlah": LONG_SUM}
RUNTIME = {"makro": MACRO_RECURSION, "loop": LOOP_RECURSION, "daftar": DEEP_LIST}


def _at_depth(frames: int, fn):
    """Call ``fn`` with ``frames`` more Python frames on the stack (the notebook kernel's stack is deep)."""
    return _at_depth(frames - 1, fn) if frames else fn()


@pytest.mark.parametrize("frames", [0, 500])
@pytest.mark.parametrize("source", [*STATIC.values(), *RUNTIME.values()], ids=[*STATIC, *RUNTIME])
def test_deep_nesting_is_a_narrative_error_naming_the_file(source, frames):
    with pytest.raises(NarrativeError) as info:
        _at_depth(frames, lambda: text.render(source, {"nama": "Ajibarang"}, "narasi/penutup.md"))
    exc = info.value
    assert exc.location == "narasi/penutup.md"
    assert "terlalu dalam bersarang" in exc.message and "Perbaikan:" in str(exc)
    assert "Recursion" not in str(exc) and "nested blocks" not in str(exc)


def test_the_limits_say_what_is_too_deep():
    def message(source: str) -> str:
        with pytest.raises(NarrativeError) as info:
            text.render(source, {}, "x.md")
        return info.value.message

    assert f"120 lapis kurung pada baris 1 (batas {text.MAX_BRACKETS})" in message(DEEP_PARENS)
    assert (
        f"25 tingkat blok {{% for %}}/{{% if %}}/{{% macro %}} bertingkat pada baris 1 (batas {text.MAX_BLOCKS})"
        in (message(DEEP_FOR))
    )
    assert f"lebih dari {sandbox.MAX_CALL_DEPTH} kali" in message(MACRO_RECURSION)
    assert "rekursi/perulangan bertingkat" in message(LOOP_RECURSION)


@pytest.mark.parametrize("source", list(STATIC.values()), ids=list(STATIC))
def test_static_check_names_deep_nesting_without_rendering(source):
    [(message, fix)] = text.override_problems(source, {"nama"})
    assert "terlalu dalam bersarang" in message and "makro" in fix


def test_nesting_within_the_limits_still_renders():
    blocks = text.MAX_BLOCKS
    nested = "".join("{% for x" + str(i) + " in [1] %}" for i in range(blocks)) + "ok" + "{% endfor %}" * blocks
    parens = "{{ " + "(" * text.MAX_BRACKETS + "1" + ")" * text.MAX_BRACKETS + " }}"
    below = sandbox.MAX_CALL_DEPTH - 1
    macro = "{% macro r(n) %}{% if n < " + str(below) + " %}{{ r(n + 1) }}{% else %}{{ n }}{% endif %}{% endmacro %}"
    for source, expected in [(nested, "ok"), (parens, "1"), (macro + "{{ r(0) }}", str(below))]:
        assert _at_depth(500, lambda s=source: text.render(s, {})) == expected
        assert text.override_problems(source, set()) == []


@pytest.mark.parametrize("source", [*STATIC.values(), *RUNTIME.values()], ids=[*STATIC, *RUNTIME])
def test_lkjip_check_reports_deep_nesting_as_an_error_of_the_file(capsys, data_copy, source):
    from lkjip.cli import main

    _penutup(data_copy).write_text(source, encoding="utf-8")
    code = main(["check", "-t", "2023", "--data", str(data_copy), "-k", "ajibarang"])
    out = capsys.readouterr()
    shown = out.out + out.err
    assert code == 1, shown
    assert "Galat tak terduga" not in shown and "Traceback" not in shown
    assert "narasi/penutup.md: Narasi" in shown and "terlalu dalam bersarang" in shown


def test_nesting_limits_are_documented_for_analysts():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert f"paling banyak {text.MAX_BRACKETS} lapis" in readme
    assert f"paling banyak {text.MAX_BLOCKS} tingkat" in readme
    assert f"memanggil dirinya paling banyak {sandbox.MAX_CALL_DEPTH} tingkat" in readme
