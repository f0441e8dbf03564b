import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { RequestEvent } from '@lib/contracts';
import { EventStore } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import { createTestDatabase, eventually, type TestDatabase, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { RequestConfig } from '../src/config';
import { requestDatabase } from '../src/migrations';
import { PersonalDataRetention } from '../src/request/commands/personal-data-retention.task';

/** Personal data in complaints (UU PDP 27/2022): sealed in the log, readable by staff, erasable without touching the log. */
describe('personal data of complaints', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const unitId = `disdukcapil-${randomUUID().slice(0, 8)}`;
  const otherUnitId = `dinkes-${randomUUID().slice(0, 8)}`;
  let operator: { Authorization: string };
  let otherOperator: { Authorization: string };
  let admin: { Authorization: string };
  let db: TestDatabase;
  let app: INestApplication;
  let now: Date;
  const http = () => request(app.getHttpServer());
  const topicPrefix = `pdp-int-${randomUUID().slice(0, 8)}.`;

  const NAME = 'Andi Wijaya';
  const complaint = {
    unitId,
    channel: 'in-person',
    category: 'grievance',
    subject: 'Petugas meminta uang, saya Andi Wijaya',
    description: 'Rumah saya di Jl. Sutoyo 12, NIK 6371010101010001; petugas loket 3 meminta Rp50.000.',
    reporter: { name: NAME, email: 'andi@example.com', phone: '+62 812 3456 7890' },
  };

  beforeAll(async () => {
    operator = await bearer('operator-disdukcapil', { tenantId, unitId });
    otherOperator = await bearer('operator-dinkes', { tenantId, unitId: otherUnitId });
    admin = await bearer('admin-orpeg', { tenantId });
    db = await createTestDatabase([], 'pantau_pdp');
    app = await startService(
      { name: 'request', configClass: RequestConfig, appModule: AppModule, database: requestDatabase },
      {
        DATABASE_URL: db.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_CONSUMER_GROUP_PREFIX: topicPrefix,
        KAFKA_TOPIC_PREFIX: topicPrefix,
        COMPLAINT_REPORTER_RETENTION_DAYS: '90',
        COMPLAINT_TEXT_RETENTION_DAYS: '730',
      },
    );
    now = new Date('2026-11-23T02:00:00.000Z');
    jest.spyOn(app.get(Clock), 'now').mockImplementation(() => now);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const storedPayloads = async (complaintId: string) =>
    (
      await db.pool.query<{ event_id: string; event_type: string; payload: string; digest: string }>(
        `SELECT event_id, event_type, payload::text AS payload, md5(payload::text) AS digest FROM events WHERE stream_id = $1 ORDER BY stream_version`,
        [`complaint-${complaintId}`],
      )
    ).rows;

  /** Received, verified with a note, assigned, responded, resolved and reopened by the reporter. */
  async function runThrough(): Promise<{ complaintId: string; reporterRef: string }> {
    const received = await http().post('/complaints').set(operator).send(complaint).expect(201);
    const { complaintId, reporterRef } = received.body;
    await http()
      .post(`/complaints/${complaintId}/verify`)
      .set(operator)
      .send({ outcome: 'verified', note: 'Diteruskan; hubungi Pak Andi di 0812' })
      .expect(200);
    await http().post(`/complaints/${complaintId}/assign`).set(operator).send({ unitId }).expect(200);
    await http()
      .post(`/complaints/${complaintId}/respond`)
      .set(operator)
      .send({ response: 'Petugas loket 3 diperiksa; uang Pak Andi dikembalikan' })
      .expect(200);
    await http().post(`/complaints/${complaintId}/resolve`).set(operator).expect(200);
    await http().post(`/public/complaints/${complaintId}/reopen`).send({ reporterRef, reason: 'Uang saya belum kembali, Andi' }).expect(200);
    return { complaintId, reporterRef };
  }

  it('keeps only ciphertext in the log and shows staff the texts', async () => {
    const { complaintId } = await runThrough();

    const stored = await storedPayloads(complaintId);
    expect(stored.map((e) => e.event_type)).toEqual([
      'ComplaintReceived',
      'ComplaintVerified',
      'ComplaintAssigned',
      'ComplaintResponded',
      'ComplaintResolved',
      'ComplaintReopened',
    ]);
    for (const { payload } of stored) expect(payload).not.toMatch(/Andi|Sutoyo|6371010101010001|0812|Petugas|Uang/);
    expect(JSON.parse(stored[0].payload)).toMatchObject({ sealedSubject: { sealed: expect.any(String), subject: complaintId } });

    const shown = await eventually(async () => (await http().get(`/complaints/${complaintId}`).set(operator).expect(200)).body);
    expect(shown).toMatchObject({
      complaintId,
      subject: complaint.subject,
      description: complaint.description,
      personalDataErased: false,
      texts: [
        { kind: 'verification-note', text: 'Diteruskan; hubungi Pak Andi di 0812', at: expect.any(String) },
        { kind: 'response', text: 'Petugas loket 3 diperiksa; uang Pak Andi dikembalikan', at: expect.any(String) },
        { kind: 'reopen-reason', text: 'Uang saya belum kembali, Andi', at: expect.any(String) },
      ],
    });
  });

  it('erases a complaint’s personal data on the tenant admin’s command, leaving every stored event byte for byte', async () => {
    const { complaintId, reporterRef } = await runThrough();
    const before = await storedPayloads(complaintId);

    await http().post(`/complaints/${complaintId}/personal-data-erasure`).set(operator).send({ reason: 'Permintaan pelapor' }).expect(403);
    const noReason = await http().post(`/complaints/${complaintId}/personal-data-erasure`).set(admin).send({}).expect(400);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
    const erased = await http()
      .post(`/complaints/${complaintId}/personal-data-erasure`)
      .set(admin)
      .send({ reason: 'Permintaan pelapor berdasarkan UU PDP Pasal 8' })
      .expect(200);
    expect(erased.body).toMatchObject({ complaintId, appended: 1 });

    const after = await storedPayloads(complaintId);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((e) => [e.event_type, JSON.parse(e.payload)])).toEqual([
      [
        'PersonalDataErased',
        {
          subjectKind: 'complaint',
          subjectId: complaintId,
          reason: 'Permintaan pelapor berdasarkan UU PDP Pasal 8',
          cause: 'ERASURE_CAUSE_REQUEST',
          erasedAt: now.toISOString(),
        },
      ],
    ]);
    const actor = await db.pool.query(`SELECT metadata->>'actorId' AS actor FROM events WHERE stream_id = $1 AND event_type = 'PersonalDataErased'`, [
      `complaint-${complaintId}`,
    ]);
    expect(actor.rows).toEqual([{ actor: 'dev-admin-orpeg' }]);
    expect((await db.pool.query(`SELECT 1 FROM complaint_reporters WHERE reporter_ref = $1`, [reporterRef])).rowCount).toBe(0);

    const shown = (await http().get(`/complaints/${complaintId}`).set(operator).expect(200)).body;
    expect(shown).toMatchObject({ subject: '[dihapus]', description: '[dihapus]', personalDataErased: true });
    expect(shown.texts.map((t: { text: string }) => t.text)).toEqual(['[dihapus]', '[dihapus]', '[dihapus]']);

    // New personal text is not taken for an erased complaint.
    const refused = await http().post(`/complaints/${complaintId}/respond`).set(operator).send({ response: 'lagi' }).expect(409);
    expect(refused.body.code).toBe('COMPLAINT.PERSONAL_DATA_ERASED');
    // A second erasure appends nothing.
    const again = await http().post(`/complaints/${complaintId}/personal-data-erasure`).set(admin).send({ reason: 'lagi' }).expect(200);
    expect(again.body.appended).toBe(0);
  });

  it('shows the reporter’s contact to the staff of the complaint’s unit while it is open, recording each read', async () => {
    const received = await http().post('/complaints').set(operator).send(complaint).expect(201);
    const { complaintId } = received.body;

    const contact = await http().post(`/complaints/${complaintId}/reporter-contact`).set(operator).expect(200);
    expect(contact.body).toEqual({ name: NAME, email: 'andi@example.com', phone: '+62 812 3456 7890' });
    await http().post(`/complaints/${complaintId}/reporter-contact`).set(otherOperator).expect(403);
    const reads = await db.pool.query(
      `SELECT metadata->>'actorId' AS actor, payload FROM events WHERE stream_id = $1 AND event_type = 'ComplaintReporterContactRead'`,
      [`complaint-${complaintId}`],
    );
    expect(reads.rows).toEqual([{ actor: 'dev-operator-disdukcapil', payload: { complaintId, readAt: now.toISOString() } }]);

    await http().post(`/complaints/${complaintId}/verify`).set(operator).send({ outcome: 'archived', note: 'Bukan pengaduan' }).expect(200);
    const closed = await http().post(`/complaints/${complaintId}/reporter-contact`).set(operator).expect(409);
    expect(closed.body.code).toBe('COMPLAINT.CONTACT_CLOSED');
  });

  it('purges reporters and erases texts of complaints closed longer than their retention', async () => {
    const young = (await http().post('/complaints').set(operator).send(complaint).expect(201)).body;
    const old = (await http().post('/complaints').set(operator).send(complaint).expect(201)).body;
    await http().post(`/complaints/${old.complaintId}/verify`).set(operator).send({ outcome: 'archived', note: 'Ganda' }).expect(200);
    await eventually(async () =>
      expect((await db.pool.query(`SELECT status FROM complaints_v1 WHERE complaint_id = $1`, [old.complaintId])).rows[0]?.status).toBe('archived'),
    );
    const retention = app.get(PersonalDataRetention);
    const before = await storedPayloads(old.complaintId);

    now = new Date('2027-03-01T02:00:00.000Z'); // 98 days after closing: past the reporter's 90, within the text's 730
    expect(await retention.sweepOnce()).toMatchObject({ complaintsErased: 0 });
    expect(
      (await db.pool.query(`SELECT reporter_ref FROM complaint_reporters WHERE reporter_ref = ANY($1)`, [[young.reporterRef, old.reporterRef]])).rows,
    ).toEqual([{ reporter_ref: young.reporterRef }]);
    expect((await http().get(`/complaints/${old.complaintId}`).set(operator).expect(200)).body.subject).toBe(complaint.subject);

    now = new Date('2028-11-24T02:00:00.000Z'); // 732 days after closing
    expect((await retention.sweepOnce()).complaintsErased).toBeGreaterThanOrEqual(1);
    expect(await retention.sweepOnce()).toEqual({ reportersPurged: 0, complaintsErased: 0 });
    const after = await storedPayloads(old.complaintId);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(JSON.parse(after[after.length - 1].payload)).toMatchObject({ cause: 'ERASURE_CAUSE_RETENTION', reason: expect.stringContaining('730') });
    expect((await http().get(`/complaints/${old.complaintId}`).set(operator).expect(200)).body.subject).toBe('[dihapus]');
    expect((await http().get(`/complaints/${young.complaintId}`).set(operator).expect(200)).body.subject).toBe(complaint.subject);
    now = new Date('2026-11-23T02:00:00.000Z');
  });

  it('still reads complaints written before sealing, with their plain text', async () => {
    const complaintId = randomUUID();
    const received: RequestEvent = {
      $case: 'complaintReceived',
      value: {
        complaintId,
        unitId,
        channel: 'COMPLAINT_CHANNEL_WEB' as never,
        category: 'COMPLAINT_CATEGORY_GRIEVANCE' as never,
        laporReference: '',
        subject: 'Teks lama tanpa segel',
        description: 'Uraian lama',
        receivedAt: '2026-11-20T02:00:00.000Z',
        statusDueDate: '2026-11-25',
        resolutionDueDate: '2026-12-01',
        ruleset: 'complaints-2018@1',
        provisional: true,
        reporterRef: randomUUID(),
        calendarId: 'id-2025-2026',
        deadlinesProvisional: false,
      },
    };
    await app.get<EventStore<RequestEvent>>(EventStore).append(`complaint-${complaintId}`, 0, [received], {
      correlationId: randomUUID(),
      tenantId,
      unitId,
      actor: { id: 'test', role: 'system' },
      occurredAt: '2026-11-20T02:00:00.000Z',
    });
    const shown = await eventually(async () => (await http().get(`/complaints/${complaintId}`).set(operator).expect(200)).body);
    expect(shown).toMatchObject({ subject: 'Teks lama tanpa segel', description: 'Uraian lama', texts: [], personalDataErased: false });
  });
});
