import { pekppp2023 } from './pekppp-2023';
import type { Aspect, Indicator, Provenance, Ruleset } from './ruleset';

// Revision 2 of pekppp-2023: the official indicator names and the six F-02 level texts of every
// indicator from docs/pekppp-2023-instrument.md (independent transcriptions of the Kode A forms),
// instead of revision 1's paraphrased names and generic placeholders. Codes, weights, aspects, the
// F-03 merge and the bands are revision 1's: the instrument agrees with every one of them, so the IPP
// of the same scores does not move. Cycles pinned to revision 1 keep it (shipped beside this one).
//
// Where the file shows a level in full, the text here is the file's, word for word. Where it abridges
// a level with "…", the text is the full wording of the sources it names (BG-F02 brayenid/pekppp-guide
// data/f02.json @5431c21, SW-F02A swamsid/organisasi-portal-biro MasterF02Seeder.php @8ac2405), which
// holds the file's words in the same order (test/pekppp-2023-instrument.spec.ts checks both).

const INSTRUMENT = 'docs/pekppp-2023-instrument.md';
const NOT_IN_PEDOMAN = 'third-party transcriptions of the F-02 A form, not yet checked against the annex of Pedoman MenPANRB 5/2023';

const confirmed = (source: string): Provenance => ({ provisional: false, source });
const provisional = (source: string): Provenance => ({ provisional: true, source });

const levelsAgreed = (section: string, sources: string): Provenance =>
  confirmed(`${INSTRUMENT} ${section}: level texts agreed by ${sources}; ${NOT_IN_PEDOMAN}`);

const WEIGHTS_1_TO_9 = confirmed(
  `KemenPANRB PEKPPP decks 2024 (Scribd 724567365) and 2025 (slidepub), docs/domain.md 1.3–1.4 [C]; BG-SEED, DJ and YU give the same weights (${INSTRUMENT} §1)`,
);
const WEIGHTS_10_TO_17 = provisional(
  `BG-SEED, DJ and YU give the same weights (${INSTRUMENT} §1), DJ's repository unidentified; not yet checked against Pedoman MenPANRB 5/2023`,
);
const WEIGHTS_18_TO_30 = provisional(
  `BG-SEED and DJ give the same weights (${INSTRUMENT} §1), DJ's repository unidentified; not yet checked against Pedoman MenPANRB 5/2023`,
);
const ASPECT_WEIGHTS = `${INSTRUMENT} §1: BG-SEED, SW-CALC, YU-ASP (and idth.id for I–III) agree; docs/domain.md 1.3 [C]`;

function indicator(
  no: number,
  code: string,
  name: string,
  weightBp: number,
  weight: Provenance,
  descriptors: readonly string[],
  descriptorsProvenance: Provenance,
  evidenceExamples: readonly string[],
): Indicator {
  return { no, code, name, weightBp, ...weight, descriptors, descriptorsProvenance, evidenceExamples };
}

const kebijakanPelayanan: Aspect = {
  code: 'a',
  name: 'Kebijakan Pelayanan',
  weightBp: 2400,
  ...confirmed(ASPECT_WEIGHTS),
  indicators: [
    indicator(
      1,
      '1.a.Ak',
      'Tersedia Standar Pelayanan (SP) sesuai dengan ketentuan peraturan perundang-undangan yang berlaku.',
      1700,
      WEIGHTS_1_TO_9,
      [
        'Tidak tersedia Standar Pelayanan.',
        'Tersedia SP namun tidak memenuhi 14 komponen.',
        'Tersedia SP yang memenuhi 14 komponen.',
        'Tersedia SP yang memenuhi 14 komponen dan dilakukan penetapan.',
        'Tersedia SP yang memenuhi 14 komponen, melibatkan masyarakat dalam penyusunan SP, dan dilakukan penetapan.',
        'Tersedia SP yang memenuhi 14 komponen, melibatkan masyarakat dalam penyusunan SP, dilakukan penetapan, dan dilakukan monev.',
      ],
      levelsAgreed('§2 indicator 1', 'BG-F02, SW-F02A, YU, DJ and the official form copies SC-F02, SC-F02A'),
      ['Daftar jenis pelayanan yang diselenggarakan', 'Dokumen Standar Pelayanan yang telah ditetapkan', 'Berita acara'],
    ),
    indicator(
      2,
      '2.a.P',
      'Proses penyusunan dan perubahan SP telah melibatkan unsur masyarakat.',
      1400,
      WEIGHTS_1_TO_9,
      [
        'Penyusunan SP tanpa melibatkan unsur masyarakat dan pihak terkait (stakeholder).',
        'Penyusunan SP telah melibatkan minimal 1 unsur masyarakat.',
        'Penyusunan SP telah melibatkan minimal 2 unsur masyarakat.',
        'Penyusunan SP telah melibatkan minimal 3 unsur masyarakat.',
        'Penyusunan SP telah melibatkan minimal 4 unsur masyarakat.',
        'Penyusunan SP telah melibatkan lebih dari 4 unsur masyarakat.',
      ],
      levelsAgreed('§2 indicator 2', 'BG-F02, SW-F02A, YU, DJ'),
      ['Dokumen pelibatan masyarakat / berita acara', 'Daftar hadir penyusunan SP', 'Foto kegiatan'],
    ),
    indicator(
      3,
      '3.a.T',
      'Jumlah media publikasi untuk komponen service delivery.',
      700,
      WEIGHTS_1_TO_9,
      [
        'Tidak ada publikasi SP.',
        'Tersedia publikasi SP hanya sebagian dari komponen service delivery baik pada media cetak/non elektronik maupun media elektronik.',
        'Tersedia publikasi SP seluruh komponen service delivery pada 2 atau lebih media publikasi namun belum dipublikasikan pada SIPP Nasional.',
        'Tersedia publikasi SP seluruh komponen service delivery pada 2 media publikasi dan pada SIPP Nasional.',
        'Tersedia publikasi SP seluruh komponen service delivery pada 3 media publikasi dan pada SIPP Nasional.',
        'Tersedia publikasi SP seluruh komponen service delivery pada 4 atau lebih media publikasi dan pada SIPP Nasional.',
      ],
      levelsAgreed('§2 indicator 3', 'BG-F02, SW-F02A, YU, DJ'),
      ['Foto/screenshot media publikasi Standar Pelayanan', 'Screenshot publikasi di SIPPN'],
    ),
    indicator(
      4,
      '4.a.K',
      'Telah dilakukan peninjauan ulang secara berkala terhadap Standar Pelayanan.',
      1400,
      WEIGHTS_1_TO_9,
      [
        'Tidak dilaksanakan peninjauan ulang secara berkala terhadap Standar Pelayanan.',
        'Dilakukan peninjauan ulang 3 tahun atau lebih terhadap seluruh jenis layanan.',
        'Dilakukan peninjauan ulang 2 tahun sekali terhadap sebagian jenis layanan.',
        'Dilakukan peninjauan ulang 2 tahun sekali terhadap seluruh jenis layanan.',
        'Dilakukan peninjauan ulang 1 tahun sekali atau lebih cepat terhadap sebagian jenis layanan.',
        'Dilakukan peninjauan ulang 1 tahun sekali atau lebih cepat terhadap seluruh jenis layanan.',
      ],
      levelsAgreed('§2 indicator 4', 'BG-F02, SW-F02A, YU, DJ'),
      ['BA FKP peninjauan SP', 'Laporan (berita acara peninjauan ulang SP, dokumentasi kegiatan, dll.)'],
    ),
    indicator(
      5,
      '5.a.K',
      'Pemenuhan siklus Maklumat Pelayanan (ketersediaan, penetapan, dan publikasi).',
      1000,
      WEIGHTS_1_TO_9,
      [
        'Tidak tersedia Maklumat Pelayanan.',
        'Tersedia Maklumat Pelayanan namun belum ditetapkan.',
        'Tersedia Maklumat Pelayanan yang sudah ditetapkan namun isinya belum sesuai dengan peraturan perundangan yang berlaku.',
        'Tersedia Maklumat Pelayanan yang sudah ditetapkan dan isinya telah sesuai dengan peraturan perundangan yang berlaku.',
        'Tersedia Maklumat Pelayanan yang sudah ditetapkan, isinya telah sesuai dengan peraturan perundangan yang berlaku, dan dipublikasikan pada media non elektronik.',
        'Tersedia Maklumat Pelayanan yang sudah ditetapkan, isinya telah sesuai dengan peraturan perundangan yang berlaku, dan dipublikasikan pada media non elektronik dan elektronik.',
      ],
      levelsAgreed('§2 indicator 5', 'BG-F02, SW-F02A, YU, DJ'),
      ['Dokumen pengesahan Maklumat Pelayanan', 'Foto/screenshot publikasi Maklumat Pelayanan'],
    ),
    indicator(
      6,
      '6.a.B',
      'SKM yang dilaksanakan sesuai dengan PermenPANRB.',
      1700,
      WEIGHTS_1_TO_9,
      [
        'Belum melaksanakan SKM.',
        'Sudah melaksanakan SKM namun tidak sesuai dengan PermenPANRB yang berlaku.',
        'Sudah melaksanakan SKM sesuai dengan PermenPANRB yang berlaku.',
        'Sudah melaksanakan SKM sesuai dengan PermenPANRB yang berlaku dan dipublikasikan pada media non-elektronik.',
        'Sudah melaksanakan SKM sesuai dengan PermenPANRB yang berlaku dan dipublikasikan pada media non-elektronik dan elektronik.',
        'Sudah melaksanakan SKM sesuai dengan PermenPANRB yang berlaku dan dipublikasikan pada media non-elektronik dan elektronik serta dilakukan tindak lanjut hasil SKM.',
      ],
      levelsAgreed('§2 indicator 6', 'BG-F02, SW-F02A, YU, DJ'),
      ['Publikasi hasil SKM', 'Dokumen/foto pelaksanaan SKM dan media yang digunakan (mesin SKM atau kuesioner manual)', 'Laporan hasil SKM'],
    ),
    indicator(
      7,
      '7.a.T',
      'Jumlah media publikasi hasil SKM.',
      700,
      WEIGHTS_1_TO_9,
      [
        'Tidak dipublikasikan.',
        'SKM dipublikasikan pada 1 (satu) media publikasi.',
        'SKM dipublikasikan pada 2 (dua) media publikasi.',
        'SKM dipublikasikan pada 3 (tiga) media publikasi.',
        'SKM dipublikasikan pada 4 (empat) media publikasi.',
        'SKM dipublikasikan pada lebih dari 4 (empat) media publikasi lainnya.',
      ],
      levelsAgreed('§2 indicator 7', 'BG-F02, SW-F02A, YU, DJ'),
      ['Foto/screenshot berbagai bentuk publikasi hasil SKM'],
    ),
    indicator(
      8,
      '8.a.Ak',
      'Persentase rencana tindak lanjut hasil SKM yang telah selesai ditindaklanjuti.',
      700,
      WEIGHTS_1_TO_9,
      [
        'Tidak ada rencana tindak lanjut SKM.',
        'Ada rencana tindak lanjut tapi belum dilaksanakan.',
        'Tindak lanjut hasil SKM dilaksanakan kurang dari 30%, dibuktikan dengan laporan pelaksanaannya.',
        'Tindak lanjut hasil SKM dilaksanakan 30-80%, dibuktikan dengan laporan pelaksanaannya.',
        'Tindak lanjut hasil SKM dilaksanakan lebih dari 80%, dibuktikan dengan laporan pelaksanaannya.',
        'Tindak lanjut hasil SKM dilaksanakan 100%, dibuktikan dengan laporan pelaksanaannya.',
      ],
      levelsAgreed('§2 indicator 8', 'BG-F02, SW-F02A, YU, DJ'),
      ['Laporan SKM tahun n-1 yang memuat rencana tindak lanjut', 'Laporan hasil pelaksanaan tindak lanjut hasil SKM'],
    ),
    indicator(
      9,
      '9.a.Ak',
      'Kecepatan tindak lanjut hasil SKM seluruh jenis pelayanan.',
      700,
      WEIGHTS_1_TO_9,
      [
        'Rekomendasi hasil SKM tidak ditindaklanjuti.',
        'Rekomendasi hasil SKM ditindaklanjuti seluruhnya 1 tahun setelah laporan SKM diterbitkan.',
        'Rekomendasi hasil SKM ditindaklanjuti seluruhnya 9 bulan setelah laporan SKM diterbitkan.',
        'Rekomendasi hasil SKM ditindaklanjuti seluruhnya 6 bulan setelah laporan SKM diterbitkan.',
        'Rekomendasi hasil SKM ditindaklanjuti seluruhnya 3 bulan setelah laporan SKM diterbitkan.',
        'Rekomendasi hasil SKM ditindaklanjuti seluruhnya 1 bulan setelah laporan SKM diterbitkan.',
      ],
      levelsAgreed('§2 indicator 9', 'BG-F02, SW-F02A, YU'),
      [
        'Laporan SKM 2 tahun terakhir yang memuat rencana tindak lanjut',
        'Laporan pelaksanaan tindak lanjutnya',
        'Laporan hasil SKM tahun sebelum penetapan SP',
      ],
    ),
  ],
};

const profesionalismeSdm: Aspect = {
  code: 'b',
  name: 'Profesionalisme SDM',
  weightBp: 2500,
  ...confirmed(ASPECT_WEIGHTS),
  indicators: [
    indicator(
      10,
      '10.b.As',
      'Tersedia waktu pelayanan yang memudahkan pengguna layanan.',
      1000,
      WEIGHTS_10_TO_17,
      [
        'Tidak memiliki kebijakan jam pelayanan/kerja.',
        'Memiliki kebijakan jam pelayanan/kerja.',
        'Memiliki kebijakan jam pelayanan/kerja dan 1 unsur lainnya.',
        'Memiliki kebijakan jam pelayanan/kerja dan 2 unsur lainnya.',
        'Memiliki kebijakan jam pelayanan/kerja dan 3 unsur lainnya.',
        'Memiliki kebijakan jam pelayanan/kerja dan 4 atau lebih unsur lainnya.',
      ],
      levelsAgreed('§3 indicator 10', 'BG-F02, SW-F02A, YU'),
      ['Surat perintah lembur (nota dinas/memo)', 'Surat tugas pelayanan pada hari libur', 'Foto kegiatan'],
    ),
    indicator(
      11,
      '11.b.K',
      'Tersedia Kode Etik dan Kode Perilaku Pelaksana dan/atau Budaya Pelayanan di lingkungan instansi.',
      2000,
      WEIGHTS_10_TO_17,
      [
        'Tidak tersedia (aturan) kode etik dan kode perilaku.',
        'Aturan kode etik dan kode perilaku Pelaksana Pelayanan hanya meliputi nilai dasar hak dan kewajiban.',
        'Aturan kode etik dan kode perilaku Pelaksana Pelayanan meliputi nilai dasar hak dan kewajiban dan 1 (satu) unsur lainnya.',
        'Aturan kode etik dan kode perilaku Pelaksana Pelayanan meliputi nilai dasar hak dan kewajiban dan 2 (dua) unsur lainnya.',
        'Aturan kode etik dan kode perilaku Pelaksana Pelayanan meliputi nilai dasar hak dan kewajiban dan 3 (tiga) unsur lainnya.',
        'Aturan kode etik dan kode perilaku Pelaksana Pelayanan meliputi nilai dasar hak dan kewajiban dan 4 (empat) unsur lainnya.',
      ],
      levelsAgreed('§3 indicator 11', 'BG-F02, SW-F02A, YU, DJ ("aturan" at level 0 in SW, YU, DJ, not in BG)'),
      ['Dokumen aturan kode etik dan kode perilaku'],
    ),
    indicator(
      12,
      '12.b.Ak',
      'Tersedia mekanisme yang dibangun untuk menjaga dan meningkatkan motivasi kerja Pelaksana pelayanan.',
      2000,
      WEIGHTS_10_TO_17,
      [
        'Tidak tersedia mekanisme peningkatan motivasi kerja.',
        'Tersedia 1 jenis mekanisme peningkatan motivasi kerja.',
        'Tersedia 2 jenis mekanisme peningkatan motivasi kerja.',
        'Tersedia 3 jenis mekanisme peningkatan motivasi kerja.',
        'Tersedia 4 jenis mekanisme peningkatan motivasi kerja.',
        'Tersedia lebih dari 4 jenis mekanisme peningkatan motivasi kerja.',
      ],
      levelsAgreed('§3 indicator 12', 'BG-F02, SW-F02A, YU, DJ'),
      ['Dokumen mekanisme motivasi kerja (penghargaan, sertifikat diklat, rekomendasi beasiswa, jadwal konseling, foto capacity building)'],
    ),
    indicator(
      13,
      '13.b.K',
      'Tersedia kriteria pemberian penghargaan bagi pegawai yang berprestasi.',
      2000,
      WEIGHTS_10_TO_17,
      [
        'Tidak ada pemberian penghargaan.',
        'Ada pemberian penghargaan hanya berdasarkan 1-2 unsur kecuali kinerja.',
        'Ada pemberian penghargaan berdasarkan 3-5 unsur kecuali kinerja.',
        'Ada pemberian penghargaan berdasarkan 1-2 unsur termasuk kinerja.',
        'Ada pemberian penghargaan berdasarkan 3-4 unsur termasuk kinerja.',
        'Ada pemberian penghargaan berdasarkan 5-6 unsur termasuk kinerja.',
      ],
      levelsAgreed('§3 indicator 13', 'BG-F02, SW-F02A, YU'),
      ['SK yang mengatur pemberian penghargaan'],
    ),
    indicator(
      14,
      '14.b.K',
      'Tersedia pelaksana yang menerapkan budaya pelayanan.',
      3000,
      WEIGHTS_10_TO_17,
      [
        'Tidak menerapkan budaya layanan/pelayanan.',
        'Pelaksana pelayanan menerapkan 1 (satu) unsur budaya pelayanan.',
        'Pelaksana pelayanan menerapkan 2 (dua) unsur budaya pelayanan.',
        'Pelaksana pelayanan menerapkan 3 (tiga) unsur budaya pelayanan.',
        'Pelaksana pelayanan menerapkan 4 (empat) unsur budaya pelayanan.',
        'Pelaksana pelayanan menerapkan 5 (lima) unsur budaya pelayanan.',
      ],
      levelsAgreed('§3 indicator 14', 'BG-F02, SW-F02A, YU, DJ ("budaya layanan" or "budaya pelayanan" at level 0)'),
      ['Foto pegawai yang menerapkan budaya pelayanan'],
    ),
  ],
};

const saranaPrasarana: Aspect = {
  code: 'c',
  name: 'Sarana Prasarana',
  weightBp: 1800,
  ...confirmed(ASPECT_WEIGHTS),
  indicators: [
    indicator(
      15,
      '15.c.K',
      'Tersedia tempat parkir dengan fasilitas pendukung yang memadai.',
      1500,
      WEIGHTS_10_TO_17,
      [
        'Tidak tersedia tempat parkir.',
        'Tersedia tempat parkir dan memiliki 1 fasilitas parkir.',
        'Tersedia tempat parkir dan memiliki 2 fasilitas parkir.',
        'Tersedia tempat parkir dan memiliki 3 fasilitas parkir.',
        'Tersedia tempat parkir dan memiliki 4 fasilitas parkir.',
        'Tersedia tempat parkir dan memiliki 5 atau lebih fasilitas parkir.',
      ],
      levelsAgreed('§4 indicator 15', 'BG-F02, SW-F02A, YU, DJ'),
      ['Foto tempat parkir dan seluruh fasilitasnya'],
    ),
    indicator(
      16,
      '16.c.As',
      'Tersedia ruang tunggu dengan fasilitas wajib dan pelengkap.',
      2300,
      WEIGHTS_10_TO_17,
      [
        'Tidak tersedia fasilitas apapun.',
        'Tersedia fasilitas wajib.',
        'Tersedia fasilitas wajib dan 1 fasilitas pelengkap.',
        'Tersedia fasilitas wajib dan 2 fasilitas pelengkap.',
        'Tersedia fasilitas wajib dan 3 fasilitas pelengkap.',
        'Tersedia fasilitas wajib dan 4 atau lebih fasilitas pelengkap.',
      ],
      levelsAgreed('§4 indicator 16', 'BG-F02, SW-F02A, YU, DJ'),
      ['Foto/video ruang tunggu dan seluruh fasilitasnya'],
    ),
    indicator(
      17,
      '17.c.As',
      'Tersedia sarana toilet pengguna layanan yang layak pakai.',
      2000,
      WEIGHTS_10_TO_17,
      [
        'Tidak tersedia toilet pengguna layanan.',
        'Toilet pengguna layanan dengan 1 kondisi.',
        'Toilet pengguna layanan dengan 2 kondisi.',
        'Toilet pengguna layanan dengan 3 kondisi.',
        'Toilet pengguna layanan dengan 4 kondisi.',
        'Toilet pengguna layanan dengan lebih dari 4 kondisi.',
      ],
      levelsAgreed('§4 indicator 17', 'BG-F02, SW-F02A, DJ (YU\'s level 5 "lebih dari 5 atau lebih kondisi" read as a typo, §11.1 #4)'),
      ['Foto/video toilet pengguna layanan dan seluruh fasilitasnya'],
    ),
    indicator(
      18,
      '18.c.K',
      'Tersedia sarana prasarana bagi pengguna layanan kelompok rentan.',
      2000,
      WEIGHTS_18_TO_30,
      [
        'Tidak tersedia sarana prasarana bagi pengguna layanan kelompok rentan.',
        'Tersedia 1-3 sarana prasarana bagi pengguna layanan kelompok rentan.',
        'Tersedia 4-6 sarana prasarana bagi pengguna layanan kelompok rentan.',
        'Tersedia 7-9 sarana prasarana bagi pengguna layanan kelompok rentan.',
        'Tersedia 10-12 sarana prasarana bagi pengguna layanan kelompok rentan.',
        'Tersedia 13 atau lebih sarana prasarana bagi pengguna layanan kelompok rentan.',
      ],
      levelsAgreed('§4 indicator 18', 'BG-F02, SW-F02A, DJ'),
      ['Foto seluruh sarana prasarana kelompok rentan'],
    ),
    indicator(
      19,
      '19.c.As',
      'Tersedia sarana prasarana penunjang.',
      1100,
      WEIGHTS_18_TO_30,
      [
        'Tidak tersedia fasilitas penunjang.',
        'Tersedia 1 fasilitas penunjang.',
        'Tersedia 2 fasilitas penunjang.',
        'Tersedia 3 fasilitas penunjang.',
        'Tersedia 4 fasilitas penunjang.',
        'Tersedia 5 atau lebih fasilitas penunjang.',
      ],
      levelsAgreed('§4 indicator 19', 'BG-F02, SW-F02A, DJ'),
      ['Foto seluruh sarana prasarana penunjang'],
    ),
    indicator(
      20,
      '20.c.B',
      'Sarana Front Office (FO) Informasi di unit layanan.',
      1100,
      WEIGHTS_18_TO_30,
      [
        'Tidak tersedia sarana FO informasi layanan.',
        'Tersedia sarana FO informasi layanan dengan 1 fasilitas.',
        'Tersedia sarana FO informasi layanan dengan 2 fasilitas.',
        'Tersedia sarana FO informasi layanan dengan 3 fasilitas.',
        'Tersedia sarana FO informasi layanan dengan 4 fasilitas.',
        'Tersedia sarana FO informasi layanan dengan 5 atau lebih fasilitas.',
      ],
      levelsAgreed('§4 indicator 20', 'BG-F02, SW-F02A, DJ'),
      ['Foto front office informasi dan seluruh fasilitasnya'],
    ),
  ],
};

const sistemInformasi: Aspect = {
  code: 'd',
  name: 'Sistem Informasi Pelayanan Publik',
  weightBp: 1100,
  ...confirmed(ASPECT_WEIGHTS),
  indicators: [
    indicator(
      21,
      '21.d.T',
      'Tersedia sistem informasi pelayanan publik untuk informasi publik.',
      3000,
      WEIGHTS_18_TO_30,
      [
        'Tidak tersedia sistem informasi pelayanan publik baik elektronik maupun non elektronik.',
        'Tersedia sistem informasi pelayanan publik non elektronik melalui media lisan (pusat informasi).',
        'Tersedia SIPP non elektronik melalui media lisan (pusat informasi) serta media papan pengumuman dan media cetak.',
        'Tersedia SIPP elektronik namun belum online (e-kiosk/ display TV/ layar monitor).',
        'Tersedia SIPP berbasis online/website.',
        'SIPP telah online/website dan terhubung dengan sistem informasi pelayanan publik nasional serta telah menginput layanan yang ditetapkan ke dalam SIPP nasional.',
      ],
      levelsAgreed('§5 indicator 21', 'BG-F02, SW-F02A, DJ'),
      ['Akun pengguna SIPPN', 'Screenshot akun unit pada SIPPN yang menampilkan jumlah layanan yang telah diinput'],
    ),
    indicator(
      22,
      '22.d.B',
      'Tersedia sistem informasi pelayanan publik pendukung operasional pelayanan.',
      2000,
      WEIGHTS_18_TO_30,
      [
        'Tidak tersedia sistem informasi pendukung operasional pelayanan publik.',
        'Tersedia sistem informasi pendukung operasional pelayanan dengan 1 kondisi.',
        'Tersedia sistem informasi pendukung operasional pelayanan dengan 2 kondisi.',
        'Tersedia sistem informasi pendukung operasional pelayanan dengan 3 kondisi.',
        'Tersedia sistem informasi pendukung operasional pelayanan dengan 4 kondisi.',
        'Tersedia sistem informasi pendukung operasional pelayanan dengan lebih dari 4 kondisi.',
      ],
      provisional(
        `sources disagree (${INSTRUMENT} §5 indicator 22, §11.1 #1): the majority reading of BG-F02 and DJ, which count any N supporting elements ("dengan N kondisi"); SW-F02A (and SW-F02B) instead requires the elements cumulatively in a fixed order (data pendukung/standar pelayanan, then SP4N-LAPOR, SKM, penilaian kinerja, then FAQ/keuangan), which BG-GUIDE's guidance and HU's F-01 options also follow; the 2023 form text is unsourced`,
      ),
      ['Screenshot unsur pendukung sistem informasi pelayanan publik'],
    ),
    indicator(
      23,
      '23.d.As',
      'Kualitas penggunaan SIPP Elektronik (Website/Aplikasi).',
      2000,
      WEIGHTS_18_TO_30,
      [
        'SIPP Elektronik tidak terhubung secara daring.',
        'SIPP Elektronik berbasis website/aplikasi mudah dioperasikan.',
        'SIPP Elektronik berbasis website/aplikasi mudah dioperasikan, mudah diakses.',
        'SIPP Elektronik berbasis website/aplikasi mudah dioperasikan, mudah diakses, kompatibel.',
        'SIPP Elektronik berbasis website/aplikasi yang mudah dioperasikan, mudah diakses, kompatibel, merupakan kanal digital resmi pemerintah (domain.go.id).',
        'SIPP Elektronik berbasis website/aplikasi yang mudah dioperasikan, mudah diakses, kompatibel, merupakan kanal digital resmi pemerintah (domain.go.id) dan navigasi yang mudah dipahami.',
      ],
      provisional(
        `sources disagree on the order of levels 3–5 (${INSTRUMENT} §5 indicator 23, §11.1 #3): the majority reading of SW-F02A and DJ, with the F-01 question order of HU and DJ (kompatibel at 3, navigasi at 5); BG-F02 and BG-F01 put navigasi at 3 and kompatibel at 5`,
      ),
      ['Screenshot SIPP elektronik (website) yang dimiliki', 'Screenshot back-end kanal digital yang dikelola langsung oleh unit'],
    ),
    indicator(
      24,
      '24.d.T',
      'Pemutakhiran data dan informasi kanal digital.',
      3000,
      WEIGHTS_18_TO_30,
      [
        'Tersedia data dan informasi pelayanan publik yang tidak dimutakhirkan.',
        'Pemutakhiran data dan informasi pelayanan publik telah dilakukan secara tahunan.',
        'Pemutakhiran data dan informasi pelayanan publik telah dilakukan secara semesteran.',
        'Pemutakhiran data dan informasi pelayanan publik secara bulanan.',
        'Pemutakhiran data dan informasi pelayanan publik dilakukan secara mingguan.',
        'Pemutakhiran data dan informasi pelayanan publik dilakukan secara harian dan detail/sangat lengkap.',
      ],
      levelsAgreed('§5 indicator 24', 'BG-F02, SW-F02A (DJ\'s level 5 repeats "mingguan", a copy error)'),
      ['Foto/screenshot paling tidak 5 informasi pelayanan yang dipublikasikan berturut-turut, dengan waktu publikasinya'],
    ),
  ],
};

const konsultasiPengaduan: Aspect = {
  code: 'e',
  name: 'Konsultasi dan Pengaduan',
  weightBp: 1000,
  ...confirmed(ASPECT_WEIGHTS),
  indicators: [
    indicator(
      25,
      '25.e.P',
      'Tersedia sarana konsultasi dan pengaduan secara tatap muka yang berkualitas.',
      2000,
      WEIGHTS_18_TO_30,
      [
        'Tidak tersedia Sarana konsultasi pengaduan pengguna layanan.',
        'Sarana konsultasi pengaduan pengguna layanan dengan 1 fasilitas.',
        'Sarana konsultasi pengaduan pengguna layanan dengan 2 fasilitas.',
        'Sarana konsultasi pengaduan pengguna layanan dengan 3 fasilitas.',
        'Sarana konsultasi pengaduan pengguna layanan dengan 4 fasilitas.',
        'Sarana konsultasi pengaduan pengguna layanan dengan 5 atau lebih fasilitas.',
      ],
      levelsAgreed('§6 indicator 25', 'BG-F02, SW-F02A, DJ'),
      ['Foto sarana/media konsultasi dan pengaduan', 'SK petugas khusus'],
    ),
    indicator(
      26,
      '26.e.P',
      'Tersedia sarana dan media konsultasi serta pengaduan yang bisa dimanfaatkan semua lapisan masyarakat.',
      2500,
      WEIGHTS_18_TO_30,
      [
        'Tidak ada sarana dan petugas.',
        'Hanya terdapat media konsultasi dan pengaduan secara offline menyatu dengan front office.',
        'Hanya terdapat media konsultasi dan pengaduan secara offline namun terpisah dengan front office.',
        'Terdapat media konsultasi dan pengaduan secara offline menyatu satu dengan front office dan tersedia secara online.',
        'Terdapat media konsultasi dan pengaduan secara offline secara terpisah dari front office, serta tersedia secara online.',
        'Terdapat media konsultasi dan pengaduan secara offline terpisah dari front office, dan terhubung dengan SP4N-LAPOR!',
      ],
      levelsAgreed('§6 indicator 26', 'BG-F02, SW-F02A, DJ'),
      ['Foto sarana/media konsultasi dan pengaduan', 'Data SP4N-LAPOR!', 'Surat keputusan'],
    ),
    indicator(
      27,
      '27.e.Ak',
      'Tersedia akuntabilitas hasil konsultasi dan/atau pengaduan.',
      2500,
      WEIGHTS_18_TO_30,
      [
        'Tidak ada dokumentasi.',
        'Terdapat dokumentasi yang diarsipkan.',
        'Terdapat dokumentasi yang diarsipkan dan dituangkan dalam laporan.',
        'Terdapat dokumentasi diarsipkan, dituangkan dalam laporan, dan dilakukan monev.',
        'Terdapat dokumentasi diarsipkan, dituangkan dalam laporan, dilakukan monev, dan ditindaklanjuti.',
        'Terdapat dokumentasi diarsipkan, dituangkan dalam laporan, dilakukan monev, ditindaklanjuti, dan dipublikasikan.',
      ],
      levelsAgreed('§6 indicator 27', 'BG-F02, SW-F02A, DJ'),
      ['Dokumentasi kegiatan konsultasi dan pengaduan', 'Screenshot dokumentasi di website, aplikasi mobile dan SP4N-LAPOR!', 'Laporan berkala'],
    ),
    indicator(
      28,
      '28.e.Ak',
      'Tersedia tindak lanjut atas konsultasi dan pengaduan dari semua lapisan masyarakat.',
      3000,
      WEIGHTS_18_TO_30,
      [
        'Tidak ada konsultasi atau pengaduan yang ditindaklanjuti.',
        '< 50% konsultasi atau pengaduan ditindaklanjuti hingga selesai yang tidak menggunakan SP4N-LAPOR!.',
        '≥ 50% konsultasi atau pengaduan ditindaklanjuti hingga selesai yang tidak menggunakan SP4N-LAPOR!.',
        '< 50% konsultasi atau pengaduan yang masuk ke SP4N-LAPOR! dan ditindaklanjuti hingga selesai.',
        '≥ 50% - 90% konsultasi atau pengaduan yang masuk ke SP4N-LAPOR! dan ditindaklanjuti hingga selesai.',
        '≥ 90% konsultasi atau pengaduan yang masuk ke SP4N-LAPOR! dan ditindaklanjuti hingga selesai.',
      ],
      levelsAgreed(
        '§6 indicator 28',
        'BG-F02, SW-F02A, DJ; level 4 in the wording of SW-F02A and DJ ("≥ 50% - 90%") where BG-F02 writes "≥ 50% < 90%", the same band since level 5 starts at 90% (§11.1 #5)',
      ),
      [
        'Dokumentasi konsultasi dan pengaduan serta tindak lanjutnya',
        'Screenshot SP4N-LAPOR! yang menunjukkan jumlah konsultasi dan pengaduan yang masuk dan yang telah ditindaklanjuti',
      ],
    ),
  ],
};

const inovasi: Aspect = {
  code: 'f',
  name: 'Inovasi Pelayanan Publik',
  weightBp: 1200,
  ...confirmed(ASPECT_WEIGHTS),
  indicators: [
    indicator(
      29,
      '29.f.B',
      'Penciptaan Inovasi Pelayanan Publik.',
      5000,
      WEIGHTS_18_TO_30,
      [
        'Tidak tersedia inovasi.',
        'Belum ada inovasi, masih dalam proses pembelajaran berinovasi.',
        'Sudah ada inovasi namun kurang dari 1 tahun.',
        'Sudah ada inovasi lebih dari 1 tahun namun belum diikutsertakan dalam kompetisi (level apapun).',
        'Sudah ada inovasi lebih dari 1 tahun dan sudah diikutsertakan dalam kompetisi level apapun.',
        'Inovasi yang dilaksanakan sudah mendapatkan prestasi pada level (apapun).',
      ],
      levelsAgreed('§7 indicator 29', 'BG-F02, SW-F02A, DJ'),
      [
        'Proposal inovasi pelayanan publik',
        'Dokumen studi tiru / progres rancang bangun (blueprint)',
        'Dokumentasi pelaksanaan inovasi',
        'Bukti keikutsertaan dan/atau piagam penghargaan kompetisi inovasi',
      ],
    ),
    indicator(
      30,
      '30.f.B',
      'Sumber daya yang mendukung keberlanjutan Inovasi Pelayanan Publik.',
      5000,
      WEIGHTS_18_TO_30,
      [
        'Belum ada sumber daya yang mendukung keberlanjutan inovasi.',
        'Sumber daya yang mendukung keberlanjutan inovasi dalam bentuk rancangan payung hukum.',
        'Sumber daya yang mendukung keberlanjutan inovasi dalam bentuk payung hukum.',
        'Sumber daya yang mendukung keberlanjutan inovasi dalam bentuk payung hukum dan 1 kondisi lainnya.',
        'Sumber daya yang mendukung keberlanjutan inovasi dalam bentuk payung hukum dan 2 kondisi lainnya.',
        'Sumber daya yang mendukung keberlanjutan inovasi dalam bentuk payung hukum dan 3 kondisi lainnya.',
      ],
      levelsAgreed('§7 indicator 30', 'BG-F02, SW-F02A, DJ'),
      [
        'Dokumen payung hukum kelembagaan inovasi',
        'Foto/dokumen penganggaran inovasi',
        'Foto sarana dan prasarana inovasi',
        'SK perorangan dan/atau tim inovasi',
      ],
    ),
  ],
};

/** Sistem antrian: asked on F-01/F-02 with six levels, weight 0 (not in the IPP). */
export const PEKPPP_ANTRIAN = {
  code: 'info.antrian',
  name: 'Informasi tambahan: tersedia sistem antrian untuk menunjang pelayanan',
  descriptors: [
    'Tidak tersedia sistem antrian.',
    'Tersedia sistem antrian dengan 1 fasilitas.',
    'Tersedia sistem antrian dengan 2 fasilitas.',
    'Tersedia sistem antrian dengan 3 fasilitas.',
    'Tersedia sistem antrian dengan 4 fasilitas.',
    'Tersedia sistem antrian dengan lebih dari 4 fasilitas.',
  ],
  ...provisional(
    `${INSTRUMENT} §7 "Informasi tambahan": asked and scored 0–5 but weight 0% in BG-F02, BG-SEED, SW-F02A and YU-ASP; level texts agreed by BG-F02 and SW-F02A; ${NOT_IN_PEDOMAN}`,
  ),
} as const;

/** PEKPPP Kode A (luring), revision 2: the instrument's names and F-02 level texts on revision 1's weights. */
export const pekppp2023v2: Ruleset = {
  ...pekppp2023,
  version: 2,
  title: 'PEKPPP Kode A (luring) — nama indikator dan teks level F-02 dari instrumen 2022–2026',
  aspects: [kebijakanPelayanan, profesionalismeSdm, saranaPrasarana, sistemInformasi, konsultasiPengaduan, inovasi],
  informationIndicators: [PEKPPP_ANTRIAN],
  kodeBRulesetId: 'pekppp-2023-kode-b',
};
