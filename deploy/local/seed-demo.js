#!/usr/bin/env node
// Loads the demo city "Kota Banjarmasin" (tenant kota-banjarmasin) through the services' public HTTP
// APIs. Every POST/PUT carries a deterministic Idempotency-Key (demo:kota-banjarmasin:<step>), so a
// second run replays the first answers and appends nothing. Reads that go through projections are
// polled until they show the result (at most ~15 s each), never slept on.
'use strict';

const { createHash } = require('node:crypto');

const REQUEST = process.env.PANTAU_REQUEST_URL || 'http://127.0.0.1:3001';
const SURVEY = process.env.PANTAU_SURVEY_URL || 'http://127.0.0.1:3002';
const EVALUATION = process.env.PANTAU_EVALUATION_URL || 'http://127.0.0.1:3003';
const TENANT = 'kota-banjarmasin';
const POLL_TIMEOUT_MS = 15_000;

const actor = (id, role) => ({ 'X-Tenant-Id': TENANT, 'X-Actor-Id': id, 'X-Actor-Role': role });
const officerDukcapil = actor('petugas-disdukcapil-rina', 'officer');
const officerKecamatan = actor('petugas-kec-bjm-utara-fajar', 'officer');
const officerPengaduan = actor('admin-pengaduan-dewi', 'officer');
const surveyAdmin = actor('admin-skm-disdukcapil-yusuf', 'unit-admin');
const evalAdmin = actor('admin-ortala-hendra', 'admin');
const lead = actor('evaluator-ahmad-fauzi', 'evaluator');
const unitOperator = (unitId) => actor(`operator-${unitId}`, 'unit');

class SeedError extends Error {}

const stats = { calls: 0, appended: 0, replayed: 0 };

async function call(method, url, { headers = {}, body, key } = {}) {
  const h = { Accept: 'application/json', ...headers };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  if (method === 'POST' || method === 'PUT') {
    if (!key) throw new SeedError(`internal: ${method} ${url} has no idempotency key`);
    h['Idempotency-Key'] = `demo:${TENANT}:${key}`;
  }
  let response;
  try {
    response = await fetch(url, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new SeedError(`${method} ${url} failed: ${error.cause?.message ?? error.message} (is the service running?)`);
  }
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const error = new SeedError(`${method} ${url} -> HTTP ${response.status}\n${text}`);
    error.status = response.status;
    throw error;
  }
  if (method !== 'GET') {
    stats.calls++;
    const replayed = response.headers.get('idempotent-replayed') === 'true' || json?.duplicate === true || json?.appended === 0 || json?.recorded === false;
    if (replayed) stats.replayed++;
    else stats.appended++;
  }
  return json;
}

/** Polls a GET until `ready(body)` is true; a 404 counts as not yet. */
async function poll(what, url, headers, ready) {
  const deadline = Date.now() + POLL_TIMEOUT_MS;
  let last = '(no answer yet)';
  let delay = 100;
  for (;;) {
    try {
      const body = await call('GET', url, { headers });
      if (ready(body)) return body;
      last = JSON.stringify(body).slice(0, 500);
    } catch (error) {
      if (!(error instanceof SeedError) || error.status !== 404) throw error;
      last = error.message;
    }
    if (Date.now() > deadline) throw new SeedError(`timed out after ${POLL_TIMEOUT_MS / 1000}s waiting for ${what}\nGET ${url}\nlast answer: ${last}`);
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 1000);
  }
}

const log = (line) => console.log(`seed: ${line}`);

// ---------------------------------------------------------------------------------------------
// Request service: service standards, requests, complaints

const components = (channels) =>
  [
    'Persyaratan',
    'Sistem, mekanisme dan prosedur',
    'Jangka waktu penyelesaian',
    'Biaya/tarif',
    'Produk pelayanan',
    'Penanganan pengaduan, saran dan masukan',
    'Dasar hukum',
    'Sarana dan prasarana, dan/atau fasilitas',
    'Kompetensi pelaksana',
    'Pengawasan internal',
    'Jumlah pelaksana',
    'Jaminan pelayanan',
    'Jaminan keamanan dan keselamatan pelayanan',
    'Evaluasi kinerja pelaksana',
  ].map((content, i) => ({ number: i + 1, content, publishedOn: i < 7 ? channels : [] }));

const standards = [
  {
    serviceId: 'ktp-el',
    unitId: 'disdukcapil',
    name: 'Penerbitan KTP-el',
    components: components(['website']),
    completionWorkingDays: 3,
    costRupiah: 0,
    requirements: ['kartu-keluarga', 'surat-pengantar-rt-rw'],
    product: 'KTP-el',
    effectiveAt: '2026-01-01T00:00:00+07:00',
  },
  {
    serviceId: 'surat-keterangan-domisili',
    unitId: 'kecamatan-banjarmasin-utara',
    name: 'Penerbitan Surat Keterangan Domisili',
    components: components(['website']),
    completionWorkingDays: 2,
    costRupiah: 0,
    requirements: ['ktp-el', 'kartu-keluarga', 'surat-pengantar-kelurahan'],
    product: 'Surat Keterangan Domisili',
    effectiveAt: '2026-01-01T00:00:00+07:00',
  },
];

// label: who asks (for the log only; the request API takes no applicant identity)
const requestPlan = [
  { key: 'req-01', serviceId: 'ktp-el', officer: officerDukcapil, applicant: 'Muhammad Rizky Pratama', outcome: 'completed' },
  { key: 'req-02', serviceId: 'ktp-el', officer: officerDukcapil, applicant: 'Siti Nurhaliza', outcome: 'completed' },
  { key: 'req-03', serviceId: 'ktp-el', officer: officerDukcapil, applicant: 'Ahmad Syahrani', outcome: 'completed' },
  { key: 'req-04', serviceId: 'ktp-el', officer: officerDukcapil, applicant: 'Noor Aida', outcome: 'completed' },
  { key: 'req-05', serviceId: 'ktp-el', officer: officerDukcapil, applicant: 'Gusti Rahmadi', outcome: 'in-process' },
  { key: 'req-06', serviceId: 'ktp-el', officer: officerDukcapil, applicant: 'Fitriani Saleh', outcome: 'returned', missing: ['surat-pengantar-rt-rw'] },
  { key: 'req-07', serviceId: 'surat-keterangan-domisili', officer: officerKecamatan, applicant: 'Hj. Rusmini', outcome: 'completed' },
  { key: 'req-08', serviceId: 'surat-keterangan-domisili', officer: officerKecamatan, applicant: 'Bayu Anggara', outcome: 'completed' },
  { key: 'req-09', serviceId: 'surat-keterangan-domisili', officer: officerKecamatan, applicant: 'Dian Permatasari', outcome: 'submitted' },
  { key: 'req-10', serviceId: 'surat-keterangan-domisili', officer: officerKecamatan, applicant: 'Yusran Effendi', outcome: 'rejected', reason: 'Alamat di luar wilayah Kecamatan Banjarmasin Utara' },
];

async function seedRequests() {
  for (const standard of standards) {
    await call('POST', `${REQUEST}/service-standards`, { headers: officerDukcapil, body: standard, key: `standard:${standard.serviceId}` });
    await poll(`service standard ${standard.serviceId}`, `${REQUEST}/service-standards/${standard.serviceId}`, officerDukcapil, () => true);
  }
  log(`service standards: ${standards.map((s) => `${s.serviceId} (${s.unitId})`).join(', ')}`);

  const made = [];
  for (const plan of requestPlan) {
    const standard = standards.find((s) => s.serviceId === plan.serviceId);
    const missing = plan.missing ?? [];
    const supplied = standard.requirements.filter((r) => !missing.includes(r));
    const submitted = await call('POST', `${REQUEST}/requests`, {
      headers: plan.officer,
      body: { serviceId: plan.serviceId, suppliedRequirements: supplied },
      key: `${plan.key}:submit`,
    });
    const base = `${REQUEST}/requests/${submitted.requestId}`;
    switch (plan.outcome) {
      case 'completed':
        await call('POST', `${base}/start-processing`, { headers: plan.officer, key: `${plan.key}:start` });
        await call('POST', `${base}/complete`, { headers: plan.officer, key: `${plan.key}:complete` });
        break;
      case 'in-process':
        await call('POST', `${base}/start-processing`, { headers: plan.officer, key: `${plan.key}:start` });
        break;
      case 'returned':
        await call('POST', `${base}/return`, {
          headers: plan.officer,
          body: { missingRequirements: missing, note: 'Mohon lengkapi surat pengantar dari RT/RW setempat' },
          key: `${plan.key}:return`,
        });
        break;
      case 'rejected':
        await call('POST', `${base}/reject`, { headers: plan.officer, body: { reason: plan.reason }, key: `${plan.key}:reject` });
        break;
      default:
        break;
    }
    made.push({ ...plan, requestId: submitted.requestId, trackingCode: submitted.trackingCode, unitId: standard.unitId });
  }
  for (const r of made) {
    await poll(`request ${r.trackingCode} to be ${r.outcome}`, `${REQUEST}/requests/track/${r.trackingCode}`, {}, (body) => body.status === r.outcome);
  }
  const byOutcome = made.reduce((acc, r) => ({ ...acc, [r.outcome]: (acc[r.outcome] ?? 0) + 1 }), {});
  log(`requests: ${made.length} (${Object.entries(byOutcome).map(([k, n]) => `${n} ${k}`).join(', ')})`);
  return made;
}

async function seedComplaints() {
  // SP4N-LAPOR! complaint about the queue at Puskesmas Teluk Dalam, run to resolution.
  const lapor = await call('POST', `${REQUEST}/complaints`, {
    headers: officerPengaduan,
    body: {
      unitId: 'puskesmas-teluk-dalam',
      channel: 'lapor',
      laporReference: 'LAPOR-6371-2026-004817',
      category: 'grievance',
      subject: 'Antrian poli umum terlalu lama',
      description: 'Pasien menunggu lebih dari tiga jam di poli umum Puskesmas Teluk Dalam tanpa kepastian nomor antrian.',
      reporter: { name: 'Siti Aminah', email: 'siti.aminah@example.id' },
    },
    key: 'complaint-lapor:receive',
  });
  const c = `${REQUEST}/complaints/${lapor.complaintId}`;
  await call('POST', `${c}/verify`, { headers: officerPengaduan, body: { outcome: 'verified', note: 'Laporan sesuai kondisi di lapangan' }, key: 'complaint-lapor:verify' });
  await call('POST', `${c}/assign`, { headers: officerPengaduan, body: { unitId: 'puskesmas-teluk-dalam' }, key: 'complaint-lapor:assign' });
  await call('POST', `${c}/respond`, {
    headers: officerPengaduan,
    body: { response: 'Loket pendaftaran ditambah satu dan antrian daring dibuka mulai pukul 07.30 WITA.' },
    key: 'complaint-lapor:respond',
  });
  await call('POST', `${c}/resolve`, { headers: officerPengaduan, key: 'complaint-lapor:resolve' });

  // Walk-in information request at Dinas Kesehatan, still waiting for verification.
  const web = await call('POST', `${REQUEST}/complaints`, {
    headers: officerPengaduan,
    body: {
      unitId: 'dinkes',
      channel: 'web',
      category: 'information-request',
      subject: 'Jadwal imunisasi anak',
      description: 'Mohon informasi jadwal imunisasi dasar lengkap di wilayah Banjarmasin Utara bulan depan.',
      reporter: { name: 'Andi Wijaya' },
    },
    key: 'complaint-web:receive',
  });

  await poll('the LAPOR! complaint to be resolved', c, officerPengaduan, (body) => body.status === 'resolved');
  await poll('the web complaint', `${REQUEST}/complaints/${web.complaintId}`, officerPengaduan, () => true);
  log('complaints: 2 (1 via SP4N-LAPOR! resolved at puskesmas-teluk-dalam, 1 web information request at dinkes)');
  return { lapor: lapor.complaintId, web: web.complaintId };
}

// ---------------------------------------------------------------------------------------------
// Survey service: SKM for Disdukcapil, current quarter

function currentQuarter() {
  const wita = new Date(Date.now() + 8 * 3600_000); // Banjarmasin is UTC+8 (WITA)
  const year = wita.getUTCFullYear();
  const q = Math.floor(wita.getUTCMonth() / 3);
  const pad = (n) => String(n).padStart(2, '0');
  const lastDay = new Date(Date.UTC(year, q * 3 + 3, 0)).getUTCDate();
  return { label: `${year}-Q${q + 1}`, start: `${year}-${pad(q * 3 + 1)}-01`, end: `${year}-${pad(q * 3 + 3)}-${pad(lastDay)}` };
}

// 15 respondents, answers 1..4 for U1..U9 (PermenPANRB 14/2017)
const skmAnswers = [
  [4, 3, 4, 4, 3, 4, 4, 3, 4],
  [3, 3, 3, 4, 3, 3, 4, 3, 3],
  [4, 4, 3, 4, 4, 3, 3, 2, 4],
  [3, 2, 3, 4, 3, 3, 3, 3, 3],
  [4, 4, 4, 4, 4, 4, 4, 3, 4],
  [3, 3, 2, 4, 3, 3, 3, 2, 3],
  [4, 3, 3, 4, 3, 4, 4, 3, 4],
  [3, 3, 3, 4, 4, 3, 3, 3, 3],
  [2, 3, 3, 4, 3, 3, 3, 2, 3],
  [4, 4, 3, 4, 3, 4, 4, 3, 4],
  [3, 3, 3, 4, 3, 3, 4, 3, 3],
  [4, 3, 4, 4, 4, 3, 3, 3, 4],
  [3, 3, 3, 4, 3, 3, 3, 2, 3],
  [4, 4, 4, 4, 3, 4, 4, 4, 4],
  [3, 3, 3, 4, 3, 3, 3, 3, 3],
];
const profiles = [
  { sex: 'L' }, { sex: 'P' }, { sex: 'L' }, { sex: 'P' }, { sex: 'P' }, { sex: 'L' }, { sex: 'P' }, { sex: 'L' },
  { sex: 'P' }, { sex: 'L' }, { sex: 'P' }, { sex: 'L' }, { sex: 'P' }, { sex: 'L' }, { sex: 'P' },
];
const suggestions = {
  2: 'Ruang tunggu perlu ditambah kursi',
  5: 'Blangko KTP-el sering habis, mohon dipastikan stoknya',
  8: 'Petugas ramah, tapi antrean pagi panjang',
  12: 'Sediakan pendaftaran antrean daring',
};

async function seedSurvey(completedDukcapil) {
  const quarter = currentQuarter();
  const path = `${SURVEY}/units/disdukcapil/skm-surveys/quarter/${quarter.start}`;
  const opened = await call('POST', path, { headers: surveyAdmin, body: { periodEnd: quarter.end }, key: `skm:disdukcapil:${quarter.label}:open` });
  const link = opened.publicLinkId;
  await poll('the public SKM form', `${SURVEY}/public/skm-surveys/${link}`, {}, () => true);

  const before = await call('GET', `${path}/result`, { headers: surveyAdmin });
  if (!before.final) {
    for (const [i, values] of skmAnswers.entries()) {
      const body = { answers: values.map((value, u) => ({ code: `U${u + 1}`, value })), profile: profiles[i] };
      if (suggestions[i]) body.suggestion = suggestions[i];
      await call('POST', `${SURVEY}/public/skm-surveys/${link}/responses`, { body, key: `skm:disdukcapil:${quarter.label}:response-${String(i + 1).padStart(2, '0')}` });
    }
    // The population of the period comes from completed requests, which reach the survey service over Kafka.
    await poll(
      `the survey to count ${skmAnswers.length} respondents and ${completedDukcapil} completed requests`,
      `${path}/result`,
      surveyAdmin,
      (body) => body.final || (body.result?.respondents >= skmAnswers.length && body.result?.population >= completedDukcapil),
    );
  }
  await call('POST', `${path}/close`, { headers: surveyAdmin, key: `skm:disdukcapil:${quarter.label}:close` });
  const result = await poll('the closed SKM result', `${path}/result`, surveyAdmin, (body) => body.final === true);
  log(`SKM disdukcapil ${quarter.label}: ${result.result?.respondents} responses, closed, IKM ${Number(result.result?.ikm).toFixed(2)} (${result.result?.band})`);
  return { path, link, result, quarter };
}

// ---------------------------------------------------------------------------------------------
// Evaluation service: PEKPPP 2026 on pekppp-2023

// Scored indicators of pekppp-2023 (aspects a..f), in order.
const PEKPPP_2023_CODES = [
  '1.a.Ak', '2.a.P', '3.a.T', '4.a.K', '5.a.K', '6.a.B', '7.a.T', '8.a.Ak', '9.a.Ak',
  '10.b.As', '11.b.K', '12.b.Ak', '13.b.K', '14.b.K',
  '15.c.K', '16.c.As', '17.c.As', '18.c.K', '19.c.As', '20.c.B',
  '21.d.T', '22.d.B', '23.d.As', '24.d.T',
  '25.e.P', '26.e.P', '27.e.Ak', '28.e.Ak',
  '29.f.B', '30.f.B',
];
// Disdukcapil: self-assessment vs evaluator score per indicator (0..5).
const selfScores = [5, 4, 4, 4, 5, 5, 4, 4, 4, 5, 4, 4, 4, 4, 4, 5, 4, 3, 4, 5, 5, 4, 4, 4, 4, 5, 4, 4, 4, 3];
const evalScores = [4, 4, 3, 4, 4, 4, 3, 3, 3, 4, 4, 3, 3, 4, 4, 4, 4, 3, 3, 4, 4, 4, 3, 3, 4, 4, 3, 3, 3, 3];
// Puskesmas Teluk Dalam submits its self-assessment but is not scored yet.
const puskesmasSelf = [4, 3, 3, 4, 4, 4, 3, 3, 3, 4, 4, 3, 3, 4, 3, 4, 3, 3, 3, 4, 3, 3, 3, 3, 4, 4, 3, 3, 3, 2];

/** A fixed UUID (v4 layout) for the demo cycle, so a replay names the same cycle. */
function demoUuid(name) {
  const h = createHash('sha256').update(`${TENANT}/${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const lokus = [
  { unitId: 'disdukcapil', evaluatorIds: ['evaluator-ahmad-fauzi', 'evaluator-lina-marlina'], leadEvaluatorId: 'evaluator-ahmad-fauzi' },
  { unitId: 'puskesmas-teluk-dalam', evaluatorIds: ['evaluator-ahmad-fauzi', 'evaluator-lina-marlina'], leadEvaluatorId: 'evaluator-lina-marlina' },
  { unitId: 'kecamatan-banjarmasin-utara', evaluatorIds: ['evaluator-lina-marlina'], leadEvaluatorId: 'evaluator-lina-marlina' },
];

async function seedEvaluation() {
  const cycleId = demoUuid('cycle:pekppp-2026');
  await call('POST', `${EVALUATION}/cycles`, {
    headers: evalAdmin,
    body: { cycleId, name: 'PEKPPP 2026', rulesetId: 'pekppp-2023', rulesetVersion: 1, windowStart: '2026-01-01', windowEnd: '2027-03-31', selfAssessmentDue: '2027-01-31' },
    key: 'pekppp-2026:open',
  });
  for (const l of lokus) {
    await call('PUT', `${EVALUATION}/cycles/${cycleId}/units/${l.unitId}`, {
      headers: evalAdmin,
      body: { evaluatorIds: l.evaluatorIds, leadEvaluatorId: l.leadEvaluatorId },
      key: `pekppp-2026:lokus:${l.unitId}`,
    });
  }
  await poll('cycle PEKPPP 2026 with its lokus', `${EVALUATION}/cycles/${cycleId}`, evalAdmin, (body) => body.status === 'open' && (body.units ?? []).length >= lokus.length);

  // Disdukcapil: F-01 with evidence, submitted, verified; F-02 by the lead evaluator; a field visit.
  const a = (unitId, p = '') => `${EVALUATION}/cycles/${cycleId}/units/${unitId}/assessment${p}`;
  const dukcapil = unitOperator('disdukcapil');
  await call('POST', a('disdukcapil', '/evidence'), {
    headers: dukcapil,
    body: { indicatorCode: '1.a.Ak', kind: 'link', name: 'SK Kepala Disdukcapil tentang Standar Pelayanan', url: 'https://jdih.banjarmasinkota.go.id/sk-standar-pelayanan-disdukcapil-2026.pdf' },
    key: 'pekppp-2026:disdukcapil:evidence-1',
  });
  await call('PUT', a('disdukcapil', '/draft'), {
    headers: dukcapil,
    body: { answers: PEKPPP_2023_CODES.map((indicatorCode, i) => ({ indicatorCode, score: selfScores[i], justification: 'Tersedia dan dilaksanakan; bukti terlampir' })) },
    key: 'pekppp-2026:disdukcapil:draft',
  });
  await call('POST', a('disdukcapil', '/submit'), { headers: dukcapil, key: 'pekppp-2026:disdukcapil:submit' });
  await call('POST', a('disdukcapil', '/verify'), { headers: lead, key: 'pekppp-2026:disdukcapil:verify' });
  for (const [i, code] of PEKPPP_2023_CODES.entries()) {
    await call('PUT', a('disdukcapil', `/scores/${code}`), {
      headers: lead,
      body: { score: evalScores[i], note: `Sesuai deskriptor ${evalScores[i]}` },
      key: `pekppp-2026:disdukcapil:score:${code}`,
    });
  }
  await call('POST', a('disdukcapil', '/visits'), {
    headers: lead,
    body: { visitedOn: '2026-11-10', evaluatorIds: ['evaluator-ahmad-fauzi', 'evaluator-lina-marlina'], findings: 'Sarana ruang tunggu memadai; papan informasi standar pelayanan terpasang.' },
    key: 'pekppp-2026:disdukcapil:visit-1',
  });

  // Puskesmas Teluk Dalam: self-assessment submitted, awaiting the evaluators.
  const puskesmas = unitOperator('puskesmas-teluk-dalam');
  await call('PUT', a('puskesmas-teluk-dalam', '/draft'), {
    headers: puskesmas,
    body: { answers: PEKPPP_2023_CODES.map((indicatorCode, i) => ({ indicatorCode, score: puskesmasSelf[i], justification: 'Sudah dilaksanakan' })) },
    key: 'pekppp-2026:puskesmas-teluk-dalam:draft',
  });
  await call('POST', a('puskesmas-teluk-dalam', '/submit'), { headers: puskesmas, key: 'pekppp-2026:puskesmas-teluk-dalam:submit' });

  const scoreUrl = `${EVALUATION}/cycles/${cycleId}/units/disdukcapil/score`;
  const score = await poll('the disdukcapil PEKPPP score', scoreUrl, evalAdmin, (body) => body.complete === true && body.ipp && body.category);
  await poll('the puskesmas self-assessment to be submitted', a('puskesmas-teluk-dalam'), evalAdmin, (body) => body.status === 'submitted');
  log(`PEKPPP 2026 (pekppp-2023): lokus ${lokus.map((l) => l.unitId).join(', ')}; disdukcapil IPP ${score.ipp.final} category ${score.category} (${score.predicate})`);
  return { cycleId, scoreUrl, score };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  log(`loading the demo city Kota Banjarmasin (tenant ${TENANT})`);
  const requests = await seedRequests();
  const complaints = await seedComplaints();
  const completedDukcapil = requests.filter((r) => r.unitId === 'disdukcapil' && r.outcome === 'completed').length;
  const survey = await seedSurvey(completedDukcapil);
  const evaluation = await seedEvaluation();

  const completed = requests.find((r) => r.outcome === 'completed');
  const returned = requests.find((r) => r.outcome === 'returned');
  const h = `-H 'X-Tenant-Id: ${TENANT}' -H 'X-Actor-Id: admin-ortala-hendra' -H 'X-Actor-Role: admin'`;
  const hs = `-H 'X-Tenant-Id: ${TENANT}' -H 'X-Actor-Id: admin-skm-disdukcapil-yusuf' -H 'X-Actor-Role: unit-admin'`;
  const ho = `-H 'X-Tenant-Id: ${TENANT}' -H 'X-Actor-Id: petugas-disdukcapil-rina' -H 'X-Actor-Role: officer'`;
  console.log(`
Demo city Kota Banjarmasin loaded (${stats.calls} commands: ${stats.appended} new, ${stats.replayed} already there).
  units        disdukcapil, dinkes, kecamatan-banjarmasin-utara, puskesmas-teluk-dalam
  standards    ktp-el (disdukcapil), surat-keterangan-domisili (kecamatan-banjarmasin-utara)
  requests     ${requests.length}: ${requests.map((r) => `${r.trackingCode} ${r.outcome}`).join(', ')}
  complaints   2: ${complaints.lapor} (SP4N-LAPOR!, resolved), ${complaints.web} (web, received)
  SKM          disdukcapil ${survey.quarter.label}: ${survey.result.result?.respondents} responses, closed, IKM ${Number(survey.result.result?.ikm).toFixed(2)} (${survey.result.result?.band}), population ${survey.result.result?.population}
  PEKPPP 2026  cycle ${evaluation.cycleId}; disdukcapil IPP ${evaluation.score.ipp.final}, category ${evaluation.score.category}
Try:
  curl -s ${REQUEST}/requests/track/${completed.trackingCode}
  curl -s ${REQUEST}/requests/track/${returned.trackingCode}
  curl -s ${h} ${evaluation.scoreUrl}
  curl -s ${hs} ${survey.path}/result
  curl -s ${ho} '${REQUEST}/figures?unitId=disdukcapil'
  SKM form     ${SURVEY}/public/skm-surveys/${survey.link}`);
}

main().catch((error) => {
  console.error(`seed: FAILED loading the demo city\n${error instanceof SeedError ? error.message : error.stack}`);
  process.exit(1);
});
