"""lkjip.suku_kata: Indonesian syllables (PUEBI / KBBI) and soft hyphens for the print renderer.

The -an suffix is split by morpheme, as KBBI does (ke-lu-rah-an, not
ke-lu-ra-han); see the module docstring for every rule choice.
"""

from __future__ import annotations

import pytest

from lkjip.suku_kata import SHY, hyphenate, suku_kata

# Words of the LKjIP of Kecamatan Ajibarang 2023, with their KBBI syllables.
LKJIP_WORDS = [
    ("masyarakat", "ma-sya-ra-kat"),
    ("kelurahan", "ke-lu-rah-an"),
    ("pemberdayaan", "pem-ber-da-ya-an"),
    ("pemerintahan", "pe-me-rin-tah-an"),
    ("pemerintah", "pe-me-rin-tah"),
    ("kecamatan", "ke-ca-mat-an"),
    ("perencanaan", "pe-ren-ca-na-an"),
    ("pelaksanaan", "pe-lak-sa-na-an"),
    ("ketenteraman", "ke-ten-te-ram-an"),
    ("ketentraman", "ke-ten-tram-an"),
    ("ketertiban", "ke-ter-tib-an"),
    ("pembangunan", "pem-ba-ngun-an"),
    ("kesejahteraan", "ke-se-jah-te-ra-an"),
    ("penyelenggaraan", "pe-nye-leng-ga-ra-an"),
    ("akuntabilitas", "a-kun-ta-bi-li-tas"),
    ("pertanggungjawaban", "per-tang-gung-ja-wab-an"),
    ("administrasi", "ad-mi-nis-tra-si"),
    ("koordinasi", "ko-or-di-na-si"),
    ("koordinator", "ko-or-di-na-tor"),
    ("infrastruktur", "in-fra-struk-tur"),
    ("partisipasi", "par-ti-si-pa-si"),
    ("transparansi", "trans-pa-ran-si"),
    ("organisasi", "or-ga-ni-sa-si"),
    ("kependudukan", "ke-pen-du-duk-an"),
    ("pengaduan", "pe-nga-du-an"),
    ("kinerja", "ki-ner-ja"),
    ("pelayanan", "pe-la-yan-an"),
    ("layanan", "la-yan-an"),
    ("capaian", "ca-pai-an"),
    ("pencapaian", "pen-ca-pai-an"),
    ("indikator", "in-di-ka-tor"),
    ("program", "pro-gram"),
    ("anggaran", "ang-gar-an"),
    ("realisasi", "re-a-li-sa-si"),
    ("kabupaten", "ka-bu-pa-ten"),
    ("sasaran", "sa-sar-an"),
    ("kegiatan", "ke-gi-at-an"),
    ("pembinaan", "pem-bi-na-an"),
    ("instansi", "in-stan-si"),
    ("pengawasan", "pe-nga-was-an"),
    ("peraturan", "pe-ra-tur-an"),
    ("laporan", "la-por-an"),
    ("perbandingan", "per-ban-ding-an"),
    ("strategis", "stra-te-gis"),
    ("wilayah", "wi-la-yah"),
    ("pengukuran", "pe-ngu-kur-an"),
    ("perjanjian", "per-jan-ji-an"),
    ("pengelolaan", "pe-nge-lo-la-an"),
    ("penyusunan", "pe-nyu-sun-an"),
    ("kualitas", "ku-a-li-tas"),
    ("kewenangan", "ke-we-nang-an"),
    ("efisiensi", "e-fi-si-en-si"),
    ("peningkatan", "pe-ning-kat-an"),
    ("penghargaan", "peng-har-ga-an"),
    ("informasi", "in-for-ma-si"),
    ("kepuasan", "ke-pu-as-an"),
    ("keberhasilan", "ke-ber-ha-sil-an"),
    ("lampiran", "lam-pir-an"),
    ("ketentuan", "ke-ten-tu-an"),
    ("penggunaan", "peng-gu-na-an"),
    ("efektivitas", "e-fek-ti-vi-tas"),
    ("kepolisian", "ke-po-li-si-an"),
    ("lingkungan", "ling-kung-an"),
    ("evaluasi", "e-va-lu-a-si"),
    ("birokrasi", "bi-ro-kra-si"),
    ("pendidikan", "pen-di-dik-an"),
    ("pendayagunaan", "pen-da-ya-gu-na-an"),
    ("pemeliharaan", "pe-me-li-ha-ra-an"),
    ("musyawarah", "mu-sya-wa-rah"),
    ("kebijakan", "ke-bi-jak-an"),
    ("keamanan", "ke-a-man-an"),
    ("keuangan", "ke-u-ang-an"),
    ("kepegawaian", "ke-pe-ga-wai-an"),
    ("ikhtisar", "ikh-ti-sar"),
    ("hubungan", "hu-bung-an"),
    ("perbaikan", "per-ba-ik-an"),
    ("sebagaimana", "se-ba-gai-ma-na"),
    ("prasarana", "pra-sa-ra-na"),
    ("tingkat", "ting-kat"),
    ("perangkat", "pe-rang-kat"),
    ("dokumen", "do-ku-men"),
    ("indonesia", "in-do-ne-si-a"),
]

# Verbs with -kan, roots that merely end in -an, and the clitic -nya.
VERBS_ROOTS_CLITICS = [
    ("dilaksanakan", "di-lak-sa-na-kan"),
    ("melaksanakan", "me-lak-sa-na-kan"),
    ("memberikan", "mem-be-ri-kan"),
    ("dilakukan", "di-la-ku-kan"),
    ("berdasarkan", "ber-da-sar-kan"),
    ("ditetapkan", "di-te-tap-kan"),
    ("meningkatkan", "me-ning-kat-kan"),
    ("menunjukkan", "me-nun-juk-kan"),
    ("dengan", "de-ngan"),
    ("jalan", "ja-lan"),
    ("delapan", "de-la-pan"),
    ("triwulan", "tri-wu-lan"),
    ("karyawan", "kar-ya-wan"),
    ("lainnya", "la-in-nya"),
    ("meningkatnya", "me-ning-kat-nya"),
    ("tercapainya", "ter-ca-pai-nya"),
    ("kegiatannya", "ke-gi-at-an-nya"),
]

# Digraphs kh, ng, ny, sy never split; ng between vowels starts the next syllable.
DIGRAPHS = [
    ("nyanyi", "nya-nyi"),
    ("banyumas", "ba-nyu-mas"),
    ("syarat", "sya-rat"),
    ("akhir", "a-khir"),
    ("makhluk", "makh-luk"),
    ("khusus", "khu-sus"),
    ("mengalir", "me-nga-lir"),
    ("bangun", "ba-ngun"),
    ("singkat", "sing-kat"),
    ("sanggup", "sang-gup"),
]

# Diphthongs ai, au, ei, oi stay together unless a consonant closes the syllable after them.
VOWELS = [
    ("sampai", "sam-pai"),
    ("pantai", "pan-tai"),
    ("pulau", "pu-lau"),
    ("saudara", "sau-da-ra"),
    ("survei", "sur-vei"),
    ("boikot", "boi-kot"),
    ("pegawai", "pe-ga-wai"),
    ("main", "ma-in"),
    ("baik", "ba-ik"),
    ("daun", "da-un"),
    ("maaf", "ma-af"),
    ("buah", "bu-ah"),
    ("daerah", "da-e-rah"),
]

# Consonant clusters: two split, obstruent + r/l kept, three or more split after the first.
CLUSTERS = [
    ("mandi", "man-di"),
    ("pasti", "pas-ti"),
    ("demokrasi", "de-mo-kra-si"),
    ("instrumen", "in-stru-men"),
    ("instruksi", "in-struk-si"),
    ("sekretariat", "se-kre-ta-ri-at"),
]


@pytest.mark.parametrize(("word", "expected"), LKJIP_WORDS + VERBS_ROOTS_CLITICS + DIGRAPHS + VOWELS + CLUSTERS)
def test_suku_kata(word: str, expected: str) -> None:
    assert "-".join(suku_kata(word)) == expected


def test_at_least_sixty_lkjip_words() -> None:
    assert len(LKJIP_WORDS) >= 60


def test_no_lone_consonant() -> None:
    for word, _ in LKJIP_WORDS:
        assert all(set(s) & set("aeiou") for s in suku_kata(word)), word


@pytest.mark.parametrize("word", ["Masyarakat", "KELURAHAN", "Kecamatan"])
def test_case_kept(word: str) -> None:
    syllables = suku_kata(word)
    assert "".join(syllables) == word
    assert [s.lower() for s in syllables] == suku_kata(word.lower())


@pytest.mark.parametrize("word", ["", "APBD-2023", "ke camatan", "2023"])
def test_not_a_word(word: str) -> None:
    with pytest.raises(ValueError):
        suku_kata(word)


def test_no_vowel_is_one_syllable() -> None:
    assert suku_kata("dll") == ["dll"]


def shown(text: str) -> str:
    return text.replace(SHY, "|")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("masyarakat", "masya|ra|kat"),  # ma-sya-ra-kat: "ma" is shorter than min_left
        ("Kelurahan", "Kelu|rahan"),  # ke-lu-rah-an: "an" is shorter than min_right
        ("pemberdayaan", "pem|ber|da|yaan"),
        ("infrastruktur", "infra|struk|tur"),
        ("Indeks", "Indeks"),  # In-deks: two letters left
        ("Satuan", "Satuan"),  # Sa-tu-an: two letters left, two right
        ("pembangunan", "pem|ba|ngunan"),
    ],
)
def test_hyphenate_word(text: str, expected: str) -> None:
    assert shown(hyphenate(text)) == expected


def test_min_left_min_right() -> None:
    assert shown(hyphenate("masyarakat", min_left=2, min_right=2)) == "ma|sya|ra|kat"
    assert shown(hyphenate("kelurahan", min_left=2, min_right=2)) == "ke|lu|rah|an"
    assert shown(hyphenate("masyarakat", min_left=5, min_right=4)) == "masya|rakat"
    assert shown(hyphenate("Satuan", min_left=2, min_right=2)) == "Sa|tu|an"
    with pytest.raises(ValueError):
        hyphenate("kata", min_left=0)


@pytest.mark.parametrize(
    "text",
    ["APBDES", "OPD", "UPG", "SAKIP", "LKjIP", "KECAMATAN", "RAPBDes", "eKinerja"],
)
def test_acronyms_untouched(text: str) -> None:
    assert hyphenate(text) == text


@pytest.mark.parametrize("text", ["Triwulan2", "2023", "1.000.000", "Permendagri86", "COVID19"])
def test_digits_untouched(text: str) -> None:
    assert hyphenate(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "https://ajibarang.banyumaskab.go.id/pemerintahan",
        "www.banyumaskab.go.id",
        "kecamatan.ajibarang@banyumaskab.go.id",
        "laporan_kinerja.pdf",
        "LKjIP_Kecamatan_Ajibarang_2023.txt",
        "data/pemerintahan/kelurahan.csv",
    ],
)
def test_urls_emails_files_untouched(text: str) -> None:
    assert hyphenate(text) == text
    assert hyphenate(f"lihat {text}, kecamatan") == f"lihat {text}, {hyphenate('kecamatan')}"


def test_punctuation_untouched() -> None:
    text = '("Pemberdayaan masyarakat": pemerintahan; kelurahan!) — ketertiban, dst.'
    out = hyphenate(text)
    assert out.replace(SHY, "") == text
    assert shown(out) == '("Pem|ber|da|yaan masya|ra|kat": peme|rin|tahan; kelu|rahan!) — keter|tiban, dst.'


def test_hyphenated_compound() -> None:
    assert shown(hyphenate("kelurahan-kelurahan")) == "kelu|rahan-kelu|rahan"
    assert shown(hyphenate("perundang-undangan")) == "perun|dang-undangan"  # un-dang-an: no three letters either side
    assert hyphenate("Sub-OPD") == "Sub-OPD"


REPORT = (
    "Laporan Kinerja Instansi Pemerintah (LKjIP) Kecamatan Ajibarang Tahun 2023 disusun "
    "sebagai wujud pertanggungjawaban atas pelaksanaan tugas pemerintahan, pemberdayaan "
    "masyarakat dan ketenteraman serta ketertiban umum; capaian APBDES, SAKIP dan Good "
    "Governance diunggah online ke https://ajibarang.banyumaskab.go.id (kelurahan-kelurahan)."
)


def test_round_trip() -> None:
    out = hyphenate(REPORT)
    assert out != REPORT
    assert out.replace(SHY, "") == REPORT


def test_idempotent() -> None:
    once = hyphenate(REPORT)
    assert hyphenate(once) == once
    assert hyphenate(once, min_left=2, min_right=2).replace(SHY, "") == REPORT


def test_existing_soft_hyphens_kept_not_doubled() -> None:
    text = f"pemerin{SHY}tahan ke{SHY}camatan"
    out = hyphenate(text)
    assert out.replace(SHY, "") == text.replace(SHY, "")
    assert shown(out) == "peme|rin|tahan ke|ca|matan"  # "ke|" kept though shorter than min_left
    assert SHY + SHY not in out
    assert hyphenate(out) == out


def test_foreign_words_by_the_same_rules() -> None:
    assert shown(hyphenate("Good Governance online")) == "Good Gover|nance online"
