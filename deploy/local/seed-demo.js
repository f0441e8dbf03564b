#!/usr/bin/env node
// Loads the demo city "Kota Banjarmasin" (tenant kota-banjarmasin) through the services' public HTTP
// APIs, signed in as the seeded dev users (`npm run dev-token`, with AUTH_DEV_SIGNING_SECRET from the
// environment as the services have it). Every POST/PUT carries a deterministic Idempotency-Key
// (demo:kota-banjarmasin:<step>), so a second run replays the first answers and appends nothing.
// Reads that go through projections are polled until they show the result (at most ~15 s each),
// never slept on.
'use strict';

const { execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const path = require('node:path');

const REQUEST = process.env.PANTAU_REQUEST_URL || 'http://127.0.0.1:3001';
const SURVEY = process.env.PANTAU_SURVEY_URL || 'http://127.0.0.1:3002';
const EVALUATION = process.env.PANTAU_EVALUATION_URL || 'http://127.0.0.1:3003';
const TENANT = 'kota-banjarmasin';
const POLL_TIMEOUT_MS = 15_000;

class SeedError extends Error {}

/** One dev token per seeded user, from the same issuer `npm run dev-token` uses. */
function devTokens() {
  try {
    const printed = execFileSync('npm', ['run', '--silent', 'dev-token'], {
      cwd: path.join(__dirname, '..', '..'),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return Object.fromEntries(
      printed
        .trim()
        .split('\n')
        .map((line) => line.split('\t')),
    );
  } catch (error) {
    throw new SeedError(`could not issue dev tokens (npm run dev-token): ${error.stderr || error.message}`);
  }
}

// Who does what; set by signIn() before anything is loaded. Bagian Organisasi runs the standards
// register, the complaints desk and the PEKPPP cycle; each unit's operator works its own unit.
let tokens = {};
let admin;
let operatorDukcapil;
let operatorKecamatan;
let lead;

/** The Authorization header of a seeded user. */
function as(user) {
  if (!tokens[user]) throw new SeedError(`no dev user ${user} (npm run dev-token lists them)`);
  return { Authorization: `Bearer ${tokens[user]}` };
}

function signIn() {
  tokens = devTokens();
  admin = as('admin-orpeg');
  operatorDukcapil = as('operator-disdukcapil');
  operatorKecamatan = as('operator-kecamatan-utara');
  lead = as('evaluator-1');
}

const stats = { calls: 0, appended: 0, replayed: 0 };

async function call(method, url, { headers = {}, body, key } = {}) {
  const h = { Accept: 'application/json', ...headers };
  if (body !== undefined) h['Content-Type'] = 'application/json';
  if (method === 'POST' || method === 'PUT') {
    if (!key) throw new SeedError(`internal: ${method} ${url} has no idempotency key`);
    // A citizen's key must be a random-looking UUID (README: Idempotency-Key); staff keys are the caller's own.
    h['Idempotency-Key'] = url.includes('/public/') ? demoUuid(`key:${key}`) : `demo:${TENANT}:${key}`;
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

// officer: the dev user at the counter; applicant: who asks (for the log only; the request API takes no applicant identity)
const requestPlan = [
  { key: 'req-01', serviceId: 'ktp-el', officer: 'operator-disdukcapil', applicant: 'Muhammad Rizky Pratama', outcome: 'completed' },
  { key: 'req-02', serviceId: 'ktp-el', officer: 'operator-disdukcapil', applicant: 'Siti Nurhaliza', outcome: 'completed' },
  { key: 'req-03', serviceId: 'ktp-el', officer: 'operator-disdukcapil', applicant: 'Ahmad Syahrani', outcome: 'completed' },
  { key: 'req-04', serviceId: 'ktp-el', officer: 'operator-disdukcapil', applicant: 'Noor Aida', outcome: 'completed' },
  { key: 'req-05', serviceId: 'ktp-el', officer: 'operator-disdukcapil', applicant: 'Gusti Rahmadi', outcome: 'in-process' },
  { key: 'req-06', serviceId: 'ktp-el', officer: 'operator-disdukcapil', applicant: 'Fitriani Saleh', outcome: 'returned', missing: ['surat-pengantar-rt-rw'] },
  { key: 'req-07', serviceId: 'surat-keterangan-domisili', officer: 'operator-kecamatan-utara', applicant: 'Hj. Rusmini', outcome: 'completed' },
  { key: 'req-08', serviceId: 'surat-keterangan-domisili', officer: 'operator-kecamatan-utara', applicant: 'Bayu Anggara', outcome: 'completed' },
  { key: 'req-09', serviceId: 'surat-keterangan-domisili', officer: 'operator-kecamatan-utara', applicant: 'Dian Permatasari', outcome: 'submitted' },
  {
    key: 'req-10',
    serviceId: 'surat-keterangan-domisili',
    officer: 'operator-kecamatan-utara',
    applicant: 'Yusran Effendi',
    outcome: 'rejected',
    reason: 'Alamat di luar wilayah Kecamatan Banjarmasin Utara',
  },
];

// Banjarmasin keeps Central Indonesian Time: deadlines, SKM periods and F-01 dates follow WITA.
async function seedCalendar() {
  await call('PUT', `${REQUEST}/calendars/settings`, {
    headers: admin,
    body: { utcOffsetMinutes: 480, cutiBersamaIsWorkingDay: false, reason: 'Kota Banjarmasin berada di zona WITA' },
    key: 'calendar:settings:wita',
  });
  log('calendar: WITA (UTC+8), offices closed on cuti bersama');
}

// The registry of the city's units, parents first (a puskesmas belongs to the dinas kesehatan).
const units = [
  { unitId: 'bagian-organisasi', name: 'Bagian Organisasi Setda Kota Banjarmasin', kind: 'bagian' },
  { unitId: 'inspektorat', name: 'Inspektorat Kota Banjarmasin', kind: 'skpd' },
  { unitId: 'disdukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil', kind: 'skpd' },
  { unitId: 'dinkes', name: 'Dinas Kesehatan', kind: 'skpd' },
  { unitId: 'puskesmas-teluk-dalam', name: 'Puskesmas Teluk Dalam', kind: 'puskesmas', parentUnitId: 'dinkes' },
  { unitId: 'kecamatan-banjarmasin-utara', name: 'Kecamatan Banjarmasin Utara', kind: 'kecamatan' },
];

async function seedUnits() {
  for (const unit of units) {
    await call('POST', `${EVALUATION}/units`, { headers: admin, body: unit, key: `unit:${unit.unitId}` });
  }
  log(`units registry: ${units.map((u) => u.unitId).join(', ')}`);
}

async function seedRequests() {
  for (const standard of standards) {
    await call('POST', `${REQUEST}/service-standards`, { headers: admin, body: standard, key: `standard:${standard.serviceId}` });
    await poll(`service standard ${standard.serviceId}`, `${REQUEST}/service-standards/${standard.serviceId}`, admin, () => true);
  }
  log(`service standards: ${standards.map((s) => `${s.serviceId} (${s.unitId})`).join(', ')}`);

  const made = [];
  for (const plan of requestPlan) {
    const standard = standards.find((s) => s.serviceId === plan.serviceId);
    const missing = plan.missing ?? [];
    const supplied = standard.requirements.filter((r) => !missing.includes(r));
    const submitted = await call('POST', `${REQUEST}/requests`, {
      headers: as(plan.officer),
      body: { serviceId: plan.serviceId, suppliedRequirements: supplied },
      key: `${plan.key}:submit`,
    });
    const base = `${REQUEST}/requests/${submitted.requestId}`;
    switch (plan.outcome) {
      case 'completed':
        await call('POST', `${base}/start-processing`, { headers: as(plan.officer), key: `${plan.key}:start` });
        await call('POST', `${base}/complete`, { headers: as(plan.officer), key: `${plan.key}:complete` });
        break;
      case 'in-process':
        await call('POST', `${base}/start-processing`, { headers: as(plan.officer), key: `${plan.key}:start` });
        break;
      case 'returned':
        await call('POST', `${base}/return`, {
          headers: as(plan.officer),
          body: { missingRequirements: missing, note: 'Mohon lengkapi surat pengantar dari RT/RW setempat' },
          key: `${plan.key}:return`,
        });
        break;
      case 'rejected':
        await call('POST', `${base}/reject`, { headers: as(plan.officer), body: { reason: plan.reason }, key: `${plan.key}:reject` });
        break;
      default:
        break;
    }
    made.push({ ...plan, requestId: submitted.requestId, trackingCode: submitted.trackingCode, unitId: standard.unitId });
  }
  for (const r of made) {
    await poll(`request ${r.trackingCode} to be ${r.outcome}`, `${REQUEST}/public/requests/${r.trackingCode}`, {}, (body) => body.status === r.outcome);
  }
  const byOutcome = made.reduce((acc, r) => ({ ...acc, [r.outcome]: (acc[r.outcome] ?? 0) + 1 }), {});
  log(
    `requests: ${made.length} (${Object.entries(byOutcome)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ')})`,
  );
  return made;
}

async function seedComplaints() {
  // SP4N-LAPOR! complaint about the queue at Puskesmas Teluk Dalam, run to resolution.
  const lapor = await call('POST', `${REQUEST}/complaints`, {
    headers: admin,
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
  await call('POST', `${c}/verify`, {
    headers: admin,
    body: { outcome: 'verified', note: 'Laporan sesuai kondisi di lapangan' },
    key: 'complaint-lapor:verify',
  });
  await call('POST', `${c}/assign`, { headers: admin, body: { unitId: 'puskesmas-teluk-dalam' }, key: 'complaint-lapor:assign' });
  await call('POST', `${c}/respond`, {
    headers: admin,
    body: { response: 'Loket pendaftaran ditambah satu dan antrian daring dibuka mulai pukul 07.30 WITA.' },
    key: 'complaint-lapor:respond',
  });
  await call('POST', `${c}/resolve`, { headers: admin, key: 'complaint-lapor:resolve' });

  // Walk-in information request at Dinas Kesehatan, still waiting for verification.
  const web = await call('POST', `${REQUEST}/complaints`, {
    headers: admin,
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

  await poll('the LAPOR! complaint to be resolved', c, admin, (body) => body.status === 'resolved');
  await poll('the web complaint', `${REQUEST}/complaints/${web.complaintId}`, admin, () => true);
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
  { sex: 'L' },
  { sex: 'P' },
  { sex: 'L' },
  { sex: 'P' },
  { sex: 'P' },
  { sex: 'L' },
  { sex: 'P' },
  { sex: 'L' },
  { sex: 'P' },
  { sex: 'L' },
  { sex: 'P' },
  { sex: 'L' },
  { sex: 'P' },
  { sex: 'L' },
  { sex: 'P' },
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
  const opened = await call('POST', path, { headers: operatorDukcapil, body: { periodEnd: quarter.end }, key: `skm:disdukcapil:${quarter.label}:open` });
  const link = opened.publicLinkId;
  await poll('the public SKM form', `${SURVEY}/public/skm-surveys/${link}`, {}, () => true);

  const before = await call('GET', `${path}/result`, { headers: operatorDukcapil });
  if (!before.final) {
    for (const [i, values] of skmAnswers.entries()) {
      // Fifteen people, some with the same answers: each form keeps its own respondent token.
      const respondentToken = `demo-${quarter.label}-respondent-${String(i + 1).padStart(2, '0')}`;
      const body = { answers: values.map((value, u) => ({ code: `U${u + 1}`, value })), profile: profiles[i], respondentToken };
      if (suggestions[i]) body.suggestion = suggestions[i];
      await call('POST', `${SURVEY}/public/skm-surveys/${link}/responses`, {
        body,
        key: `skm:disdukcapil:${quarter.label}:response-${String(i + 1).padStart(2, '0')}`,
      });
    }
    // The population of the period comes from completed requests, which reach the survey service over Kafka.
    await poll(
      `the survey to count ${skmAnswers.length} respondents and ${completedDukcapil} completed requests`,
      `${path}/result`,
      operatorDukcapil,
      (body) => body.final || (body.result?.respondents >= skmAnswers.length && body.result?.population >= completedDukcapil),
    );
  }
  await call('POST', `${path}/close`, { headers: operatorDukcapil, key: `skm:disdukcapil:${quarter.label}:close` });
  const result = await poll('the closed SKM result', `${path}/result`, operatorDukcapil, (body) => body.final === true);
  log(
    `SKM disdukcapil ${quarter.label}: ${result.result?.respondents} responses, closed, IKM ${Number(result.result?.ikm).toFixed(2)} (${result.result?.band})`,
  );
  return { path, link, result, quarter };
}

// ---------------------------------------------------------------------------------------------
// Evaluation service: PEKPPP 2026 on pekppp-2023 revision 2 (the instrument's names and level texts)

// Scored indicators of pekppp-2023 (aspects a..f), in order.
const PEKPPP_2023_CODES = [
  '1.a.Ak',
  '2.a.P',
  '3.a.T',
  '4.a.K',
  '5.a.K',
  '6.a.B',
  '7.a.T',
  '8.a.Ak',
  '9.a.Ak',
  '10.b.As',
  '11.b.K',
  '12.b.Ak',
  '13.b.K',
  '14.b.K',
  '15.c.K',
  '16.c.As',
  '17.c.As',
  '18.c.K',
  '19.c.As',
  '20.c.B',
  '21.d.T',
  '22.d.B',
  '23.d.As',
  '24.d.T',
  '25.e.P',
  '26.e.P',
  '27.e.Ak',
  '28.e.Ak',
  '29.f.B',
  '30.f.B',
];
// Disdukcapil: self-assessment vs evaluator score per indicator (0..5).
const selfScores = [5, 4, 4, 4, 5, 5, 4, 4, 4, 5, 4, 4, 4, 4, 4, 5, 4, 3, 4, 5, 5, 4, 4, 4, 4, 5, 4, 4, 4, 3];
const evalScores = [4, 4, 3, 4, 4, 4, 3, 3, 3, 4, 4, 3, 3, 4, 4, 4, 4, 3, 3, 4, 4, 4, 3, 3, 4, 4, 3, 3, 3, 3];
// Kecamatan Banjarmasin Utara submits its self-assessment but is not scored yet.
const kecamatanSelf = [4, 3, 3, 4, 4, 4, 3, 3, 3, 4, 4, 3, 3, 4, 3, 4, 3, 3, 3, 4, 3, 3, 3, 3, 4, 4, 3, 3, 3, 2];

/** A fixed UUID (v4 layout) for the demo cycle, so a replay names the same cycle. */
function demoUuid(name) {
  const h = createHash('sha256').update(`${TENANT}/${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// Evaluators by their dev subjects; scoring also needs the unit among the token's assigned units
// (evaluator-1: disdukcapil and dinkes, evaluator-2: kecamatan-banjarmasin-utara).
const lokus = [
  { unitId: 'disdukcapil', evaluatorIds: ['dev-evaluator-1', 'dev-evaluator-2'], leadEvaluatorId: 'dev-evaluator-1' },
  { unitId: 'puskesmas-teluk-dalam', evaluatorIds: ['dev-evaluator-1', 'dev-evaluator-2'], leadEvaluatorId: 'dev-evaluator-2' },
  { unitId: 'kecamatan-banjarmasin-utara', evaluatorIds: ['dev-evaluator-2'], leadEvaluatorId: 'dev-evaluator-2' },
];

async function seedEvaluation() {
  const cycleId = demoUuid('cycle:pekppp-2026');
  await call('POST', `${EVALUATION}/cycles`, {
    headers: admin,
    body: {
      cycleId,
      name: 'PEKPPP 2026',
      rulesetId: 'pekppp-2023',
      rulesetVersion: 2,
      windowStart: '2026-01-01',
      windowEnd: '2027-03-31',
      selfAssessmentDue: '2027-01-31',
    },
    key: 'pekppp-2026:open',
  });
  for (const l of lokus) {
    await call('PUT', `${EVALUATION}/cycles/${cycleId}/units/${l.unitId}`, {
      headers: admin,
      body: { evaluatorIds: l.evaluatorIds, leadEvaluatorId: l.leadEvaluatorId },
      key: `pekppp-2026:lokus:${l.unitId}`,
    });
  }
  await poll(
    'cycle PEKPPP 2026 with its lokus',
    `${EVALUATION}/cycles/${cycleId}`,
    admin,
    (body) => body.status === 'open' && (body.units ?? []).length >= lokus.length,
  );

  // Disdukcapil: F-01 with evidence, submitted, verified; F-02 by the lead evaluator; a field visit.
  const a = (unitId, p = '') => `${EVALUATION}/cycles/${cycleId}/units/${unitId}/assessment${p}`;
  const dukcapil = operatorDukcapil;
  await call('POST', a('disdukcapil', '/evidence'), {
    headers: dukcapil,
    body: {
      indicatorCode: '1.a.Ak',
      kind: 'link',
      name: 'SK Kepala Disdukcapil tentang Standar Pelayanan',
      url: 'https://jdih.banjarmasinkota.go.id/sk-standar-pelayanan-disdukcapil-2026.pdf',
    },
    key: 'pekppp-2026:disdukcapil:evidence-1',
  });
  await call('PUT', a('disdukcapil', '/draft'), {
    headers: dukcapil,
    body: {
      answers: PEKPPP_2023_CODES.map((indicatorCode, i) => ({
        indicatorCode,
        score: selfScores[i],
        justification: 'Tersedia dan dilaksanakan; bukti terlampir',
      })),
    },
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
    body: {
      visitedOn: '2026-11-10',
      evaluatorIds: ['dev-evaluator-1', 'dev-evaluator-2'],
      findings: 'Sarana ruang tunggu memadai; papan informasi standar pelayanan terpasang.',
    },
    key: 'pekppp-2026:disdukcapil:visit-1',
  });

  // Kecamatan Banjarmasin Utara: self-assessment submitted, awaiting its evaluator.
  const kecamatan = 'kecamatan-banjarmasin-utara';
  await call('PUT', a(kecamatan, '/draft'), {
    headers: operatorKecamatan,
    body: { answers: PEKPPP_2023_CODES.map((indicatorCode, i) => ({ indicatorCode, score: kecamatanSelf[i], justification: 'Sudah dilaksanakan' })) },
    key: `pekppp-2026:${kecamatan}:draft`,
  });
  await call('POST', a(kecamatan, '/submit'), { headers: operatorKecamatan, key: `pekppp-2026:${kecamatan}:submit` });

  const scoreUrl = `${EVALUATION}/cycles/${cycleId}/units/disdukcapil/score`;
  const score = await poll('the disdukcapil PEKPPP score', scoreUrl, admin, (body) => body.complete === true && body.ipp && body.category);
  await poll('the kecamatan self-assessment to be submitted', a(kecamatan), admin, (body) => body.status === 'submitted');
  log(
    `PEKPPP 2026 (pekppp-2023): lokus ${lokus.map((l) => l.unitId).join(', ')}; disdukcapil IPP ${score.ipp.final} category ${score.category} (${score.predicate})`,
  );
  return { cycleId, scoreUrl, score };
}

// ---------------------------------------------------------------------------------------------
// Survey service: PEKPPP F-03 for Disdukcapil, answered by service users who each got a one-time code

// Twelve users (quota 10..20); each row is the 14 item scores 0..5.
const f03Answers = [
  [4, 4, 5, 4, 4, 5, 5, 3, 4, 3, 4, 4, 4, 4],
  [5, 4, 4, 4, 5, 5, 4, 3, 4, 3, 3, 5, 4, 4],
  [4, 4, 4, 3, 4, 4, 4, 2, 4, 3, 3, 4, 4, 4],
  [5, 5, 5, 4, 5, 5, 5, 4, 5, 4, 4, 5, 5, 5],
  [4, 3, 4, 3, 4, 4, 4, 3, 3, 2, 3, 4, 4, 3],
  [4, 4, 5, 4, 4, 4, 5, 3, 4, 3, 4, 4, 4, 4],
  [3, 4, 4, 3, 4, 4, 4, 3, 4, 3, 3, 4, 3, 4],
  [5, 4, 5, 4, 4, 5, 5, 4, 4, 4, 4, 5, 4, 5],
  [4, 4, 4, 4, 4, 4, 4, 3, 4, 3, 4, 4, 4, 4],
  [4, 5, 4, 4, 5, 4, 4, 3, 4, 3, 3, 4, 5, 4],
  [4, 4, 5, 4, 4, 5, 4, 2, 4, 2, 3, 4, 4, 4],
  [5, 4, 4, 5, 4, 4, 5, 3, 4, 3, 4, 5, 4, 4],
];

async function seedF03(evaluation) {
  const { cycleId, scoreUrl } = evaluation;
  const collection = `${SURVEY}/f03-collections/${cycleId}/disdukcapil`;
  await call('POST', collection, { headers: admin, body: { ruleset: 'pekppp-2023@1' }, key: 'f03:disdukcapil:open' });
  const before = await call('GET', collection, { headers: admin });
  if (before.status === 'open') {
    // Only responses with a proof of service count: the unit hands out one one-time code per service delivered.
    const missing = f03Answers.slice(before.respondents);
    if (missing.length > 0) {
      const { codes } = await call('POST', `${collection}/proof-codes`, {
        headers: admin,
        body: { count: missing.length },
        key: `f03:disdukcapil:codes-from-${before.respondents}`,
      });
      for (const [i, scores] of missing.entries()) {
        await call('POST', `${SURVEY}/public/tenants/${TENANT}/f03/${cycleId}/disdukcapil/responses`, {
          body: { items: scores.map((score, item) => ({ item: item + 1, score })), proof: codes[i] },
          key: `f03:disdukcapil:response:${codes[i]}`,
        });
      }
    }
    await call('POST', `${collection}/close`, { headers: admin, key: 'f03:disdukcapil:close' });
  }
  const report = await call('GET', collection, { headers: admin });
  // F03Closed reaches the evaluation service over Kafka, which merges it into the IPP.
  const score = await poll('the F-03 score merged into the disdukcapil IPP', scoreUrl, admin, (body) => body.ipp?.userScoreMerged === true);
  log(
    `F-03 disdukcapil: ${report.respondents} respondents with a proof of service (${report.unverifiedRespondents} without), score ${report.score}; IPP ${score.ipp.final}`,
  );
  return { report, score };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  log(`loading the demo city Kota Banjarmasin (tenant ${TENANT})`);
  signIn();
  await seedCalendar();
  await seedUnits();
  const requests = await seedRequests();
  const complaints = await seedComplaints();
  const completedDukcapil = requests.filter((r) => r.unitId === 'disdukcapil' && r.outcome === 'completed').length;
  const survey = await seedSurvey(completedDukcapil);
  const evaluation = await seedEvaluation();
  const f03 = await seedF03(evaluation);

  const completed = requests.find((r) => r.outcome === 'completed');
  const returned = requests.find((r) => r.outcome === 'returned');
  const signedInAs = (user) => `-H "Authorization: Bearer $(npm run --silent dev-token -- ${user})"`;
  console.log(`
Demo city Kota Banjarmasin loaded (${stats.calls} commands: ${stats.appended} new, ${stats.replayed} already there).
  units        disdukcapil, dinkes, kecamatan-banjarmasin-utara, puskesmas-teluk-dalam
  standards    ktp-el (disdukcapil), surat-keterangan-domisili (kecamatan-banjarmasin-utara)
  requests     ${requests.length}: ${requests.map((r) => `${r.trackingCode} ${r.outcome}`).join(', ')}
  complaints   2: ${complaints.lapor} (SP4N-LAPOR!, resolved), ${complaints.web} (web, received)
  SKM          disdukcapil ${survey.quarter.label}: ${survey.result.result?.respondents} responses, closed, IKM ${Number(survey.result.result?.ikm).toFixed(2)} (${survey.result.result?.band}), population ${survey.result.result?.population}
  F-03         disdukcapil: ${f03.report.respondents} respondents with a one-time code, closed, score ${f03.report.score}
  PEKPPP 2026  cycle ${evaluation.cycleId}; disdukcapil IPP ${f03.score.ipp.final} (F-03 merged), category ${f03.score.category}
Try:
  curl -s ${REQUEST}/public/requests/${completed.trackingCode}
  curl -s ${REQUEST}/public/requests/${returned.trackingCode}
  curl -s ${signedInAs('admin-orpeg')} ${evaluation.scoreUrl}
  curl -s ${signedInAs('operator-disdukcapil')} ${survey.path}/result
  curl -s ${signedInAs('operator-disdukcapil')} '${REQUEST}/figures?unitId=disdukcapil'
  SKM form     ${SURVEY}/public/skm-surveys/${survey.link}`);
}

main().catch((error) => {
  console.error(`seed: FAILED loading the demo city\n${error instanceof SeedError ? error.message : error.stack}`);
  process.exit(1);
});
