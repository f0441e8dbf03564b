import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, eventually, type TestDatabase, testKafkaBrokers } from '@lib/testing';
import request from 'supertest';
import { bearer } from '../../../test/support/auth';
import { startService } from '../../../test/support/service-app';
import { AppModule } from '../src/app.module';
import { EvaluationConfig } from '../src/config';
import { pekppp2023, scoredIndicators } from '../src/evaluation/domain';
import { evaluationMigrations } from '../src/migrations';
import { minimalDocx, zipArchive } from './zip-archive';

const MiB = 1024 * 1024;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const sha256Of = (content: Buffer): string => createHash('sha256').update(content).digest('hex');
/** A PDF as scanners write them: the header, some body and the end-of-file marker. */
const pdf = (body: string | Buffer): Buffer => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(body), Buffer.from('\n%%EOF\n')]);

type Headers = { Authorization: string };

describe('evidence files: bound to the unit and cycle they were uploaded for, inspected, named by the server, within quota', () => {
  const tenantId = `tenant-${randomUUID().slice(0, 8)}`;
  const suffix = randomUUID().slice(0, 8);
  const unitA = `disdukcapil-${suffix}`;
  const unitB = `dinkes-${suffix}`;
  const countUnit = `kecamatan-${suffix}`;
  const bytesUnit = `dpmptsp-${suffix}`;
  const outsider = `bapenda-${suffix}`;
  const code = scoredIndicators(pekppp2023)[0].code;
  let db: TestDatabase;
  let app: INestApplication;
  let admin: Headers;
  let operatorA: Headers;
  let operatorB: Headers;
  let evaluator: Headers;
  let cycleId: string;
  let otherCycleId: string;
  const http = () => request(app.getHttpServer());
  const upload = (as: Headers, unitId: string, content: Buffer, filename: string, contentType: string, cycle = cycleId) =>
    http().post(`/cycles/${cycle}/units/${unitId}/evidence-files`).set(as).attach('file', content, { filename, contentType });
  const download = (as: Headers, unitId: string, sha256: string, cycle = cycleId) =>
    http()
      .get(`/cycles/${cycle}/units/${unitId}/evidence-files/${sha256}`)
      .set(as)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        // a refusal is problem+json, a file its bytes
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          done(null, /json/.test(String(response.headers['content-type'])) ? JSON.parse(body.toString('utf8')) : body);
        });
      });
  const attach = (as: Headers, unitId: string, storageKey: string, cycle = cycleId) =>
    http().post(`/cycles/${cycle}/units/${unitId}/assessment/evidence`).set(as).send({ indicatorCode: code, kind: 'file', name: 'bukti.pdf', storageKey });

  async function openCycle(units: string[]): Promise<string> {
    const opened = await http()
      .post('/cycles')
      .set(admin)
      .send({
        name: 'PEKPPP bukti',
        rulesetId: 'pekppp-2023',
        rulesetVersion: 1,
        windowStart: '2020-01-01',
        windowEnd: '2099-12-31',
        selfAssessmentDue: '2099-12-30',
      })
      .expect(201);
    const id = opened.body.cycleId as string;
    for (const unitId of units) {
      await http()
        .put(`/cycles/${id}/units/${unitId}`)
        .set(admin)
        .send({ evaluatorIds: ['dev-evaluator-1'], leadEvaluatorId: 'dev-evaluator-1' })
        .expect(200);
    }
    await eventually(async () => {
      const { body } = await http().get(`/cycles/${id}`).set(admin).expect(200);
      expect(body.units).toHaveLength(units.length);
    });
    return id;
  }

  beforeAll(async () => {
    [admin, operatorA, operatorB, evaluator] = await Promise.all([
      bearer('admin-orpeg', { tenantId }),
      bearer('operator-disdukcapil', { tenantId, unitId: unitA }),
      bearer('operator-dinkes', { tenantId, unitId: unitB }),
      bearer('evaluator-1', { tenantId, assignedUnitIds: [unitA, unitB] }),
    ]);
    db = await createTestDatabase([], 'pantau_evidence');
    app = await startService(
      { name: 'evaluation', configClass: EvaluationConfig, appModule: AppModule, migrations: evaluationMigrations },
      {
        DATABASE_URL: db.url,
        KAFKA_BROKERS: testKafkaBrokers().join(','),
        KAFKA_CONSUMER_GROUP_PREFIX: `int-evidence-${suffix}.`,
        EVIDENCE_MAX_BYTES: String(3 * MiB),
        EVIDENCE_UNIT_CYCLE_MAX_BYTES: String(4 * MiB),
        EVIDENCE_UNIT_CYCLE_MAX_FILES: '6',
      },
    );
    cycleId = await openCycle([unitA, unitB, countUnit, bytesUnit]);
    otherCycleId = await openCycle([unitA]);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  describe('binding to the unit and cycle (BOLA)', () => {
    const fileOfA = pdf('% SK Standar Pelayanan Disdukcapil');
    const hashOfA = sha256Of(fileOfA);

    beforeAll(async () => {
      await upload(operatorA, unitA, fileOfA, 'sk.pdf', 'application/pdf').expect(201);
    });

    it("answers another unit's hash through that unit's own URL exactly like a missing file", async () => {
      const missing = await download(operatorB, unitB, 'f'.repeat(64)).expect(404);
      const foreign = await download(operatorB, unitB, hashOfA).expect(404);
      const shape = ({ body }: { body: Record<string, string> }, sha256: string) => ({
        ...body,
        detail: body.detail.replace(sha256, '<sha256>'),
        correlationId: undefined,
      });
      expect(shape(foreign, hashOfA)).toEqual(shape(missing, 'f'.repeat(64)));
      expect(foreign.body.code).toBe('EVIDENCE.NOT_FOUND');
      await download(evaluator, unitB, hashOfA).expect(404);
    });

    it("refuses to attach another unit's hash exactly like a file never uploaded", async () => {
      const missing = await attach(operatorB, unitB, `sha256:${'f'.repeat(64)}`).expect(409);
      const foreign = await attach(operatorB, unitB, `sha256:${hashOfA}`).expect(409);
      expect(foreign.body.code).toBe('ASSESSMENT.EVIDENCE_FILE_NOT_UPLOADED');
      expect(foreign.body.code).toBe(missing.body.code);
    });

    it('serves and attaches a file only in the cycle it was uploaded for', async () => {
      await download(operatorA, unitA, hashOfA, otherCycleId).expect(404);
      const wrongCycle = await attach(operatorA, unitA, `sha256:${hashOfA}`, otherCycleId).expect(409);
      expect(wrongCycle.body.code).toBe('ASSESSMENT.EVIDENCE_FILE_NOT_UPLOADED');
      const unknownCycle = await download(operatorA, unitA, hashOfA, `no-such-cycle-${suffix}`).expect(404);
      expect(unknownCycle.body.code).toBe('CYCLE.NOT_FOUND');
      await download(operatorA, unitA, hashOfA).expect(200);
      await download(evaluator, unitA, hashOfA).expect(200);
      await attach(operatorA, unitA, `sha256:${hashOfA}`).expect(201);
    });

    it('lets a unit that uploads the same bytes itself use them, stored once', async () => {
      await upload(operatorB, unitB, fileOfA, 'sk-dinkes.pdf', 'application/pdf').expect(201);
      const downloaded = await download(operatorB, unitB, hashOfA).expect(200);
      expect(sha256Of(downloaded.body as Buffer)).toBe(hashOfA);
      expect(downloaded.headers['content-disposition']).toContain('filename="sk-dinkes.pdf"');
      const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM evidence_files_v1 WHERE tenant_id = $1 AND sha256 = $2', [tenantId, hashOfA]);
      expect(rows[0].n).toBe(1);
    });

    it('refuses an upload to a cycle that does not exist, or for a unit that is not a lokus of it', async () => {
      const unknown = await upload(operatorA, unitA, pdf('% x'), 'x.pdf', 'application/pdf', `no-such-cycle-${suffix}`).expect(404);
      expect(unknown.body.code).toBe('CYCLE.NOT_FOUND');
      const operatorOutside = await bearer('operator-disdukcapil', { tenantId, unitId: outsider });
      const notLokus = await upload(operatorOutside, outsider, pdf('% y'), 'y.pdf', 'application/pdf').expect(409);
      expect(notLokus.body.code).toBe('CYCLE.UNIT_NOT_IN_SCOPE');
    });
  });

  describe('content inspection', () => {
    it.each<[string, Buffer, string, string]>([
      [
        'a JAR sent as a Word document',
        zipArchive([
          { name: 'META-INF/MANIFEST.MF', content: 'Main-Class: Laporan\n' },
          { name: 'Laporan.class', content: 'cafebabe' },
        ]),
        DOCX,
        'officeForbiddenEntry',
      ],
      ['a zipped executable sent as a Word document', zipArchive([{ name: 'laporan.exe', content: 'MZ\x90\x00' }]), DOCX, 'officeForbiddenEntry'],
      ['any other zip sent as a Word document', zipArchive([{ name: 'catatan.txt', content: 'bukan dokumen Word' }]), DOCX, 'officeStructure'],
      ['a Word document carrying a macro project', minimalDocx([{ name: 'word/vbaProject.bin', content: 'macro' }]), DOCX, 'officeForbiddenEntry'],
      ['a Word document carrying a script', minimalDocx([{ name: 'word/media/run.js', content: 'WScript.Shell' }]), DOCX, 'officeForbiddenEntry'],
      ['a Word document carrying a nested archive', minimalDocx([{ name: 'word/embeddings/payload.zip', content: 'PK' }]), DOCX, 'officeForbiddenEntry'],
      [
        'a macro-enabled document renamed as a Word document',
        minimalDocx([], 'application/vnd.ms-word.document.macroEnabled.main+xml'),
        DOCX,
        'officeStructure',
      ],
      ['a zip bomb sent as a Word document', minimalDocx([{ name: 'word/media/image1.png', content: Buffer.alloc(20 * MiB) }]), DOCX, 'officeExpansion'],
      ['a PDF/HTML polyglot', pdf('<html><script>alert(1)</script></html>'), 'application/pdf', 'pdfPolyglot'],
      ['a PDF without its end-of-file marker', Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n'), 'application/pdf', 'pdfStructure'],
      ['a PDF header that is not at the start', Buffer.concat([Buffer.from('junk'), pdf('x')]), 'application/pdf', 'content'],
    ])('refuses %s with 400, naming the file and the rule', async (_, content, contentType, rule) => {
      const { body } = await upload(operatorA, unitA, content, 'laporan.docx', contentType).expect(400);
      expect(body.code).toBe('EVIDENCE.FILE_REFUSED');
      expect(body.errors).toEqual([{ field: 'file', rule, message: expect.stringContaining('berkas') }]);
    });

    it('accepts a real Word document', async () => {
      const docx = minimalDocx([{ name: 'word/media/image1.png', content: randomBytes(2048) }]);
      const { body } = await upload(operatorA, unitA, docx, 'SOP Pelayanan.docx', DOCX).expect(201);
      expect(body).toMatchObject({ sha256: sha256Of(docx), mediaType: DOCX, sizeBytes: docx.length });
    });
  });

  describe('downloads', () => {
    it("names the file from its stem and stored type, never the uploader's extension, with RFC 5987 filename* and safe headers", async () => {
      const content = pdf('% laporan');
      await upload(operatorA, unitA, content, '../Laporan SKM (final)!!.jar', 'application/pdf').expect(201);
      const { headers } = await download(evaluator, unitA, sha256Of(content)).expect(200);
      expect(headers['content-disposition']).toBe(`attachment; filename="Laporan-SKM-final.pdf"; filename*=UTF-8''Laporan-SKM-final.pdf`);
      expect(headers['content-type']).toBe('application/pdf');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['content-security-policy']).toContain("default-src 'none'");
    });

    it('streams a file larger than one read chunk whole, and checks it against its hash', async () => {
      const content = pdf(randomBytes(Math.round(2.5 * MiB)));
      await upload(operatorA, unitA, content, 'scan.pdf', 'application/pdf').expect(201);
      const downloaded = await download(operatorA, unitA, sha256Of(content)).expect(200);
      expect(Number(downloaded.headers['content-length'])).toBe(content.length);
      expect(sha256Of(downloaded.body as Buffer)).toBe(sha256Of(content));
    });

    it('aborts the download of a file whose stored bytes no longer match its hash', async () => {
      const content = pdf(randomBytes(MiB + 17));
      const sha256 = sha256Of(content);
      await upload(operatorA, unitA, content, 'rusak.pdf', 'application/pdf').expect(201);
      await db.pool.query('ALTER TABLE evidence_files_v1 DISABLE TRIGGER evidence_files_insert_only');
      await db.pool.query(`UPDATE evidence_files_v1 SET content = overlay(content placing '\\x00'::bytea from 20) WHERE sha256 = $1`, [sha256]);
      await db.pool.query('ALTER TABLE evidence_files_v1 ENABLE TRIGGER evidence_files_insert_only');
      await expect(download(operatorA, unitA, sha256)).rejects.toThrow();
    });
  });

  describe('quotas per unit and cycle', () => {
    it('refuses a file beyond the count cap with 409, while the same bytes again are still accepted', async () => {
      const operator = await bearer('operator-kecamatan-utara', { tenantId, unitId: countUnit });
      const files = [1, 2, 3, 4, 5, 6].map((n) => pdf(`% berkas ${n}`));
      for (const file of files) await upload(operator, countUnit, file, 'b.pdf', 'application/pdf').expect(201);
      const fourth = await upload(operator, countUnit, pdf('% berkas 7'), 'b.pdf', 'application/pdf').expect(409);
      expect(fourth.body.code).toBe('EVIDENCE.FILE_COUNT_EXCEEDED');
      expect(fourth.body.title).toMatch(/berkas/i);
      await upload(operator, countUnit, files[0], 'b.pdf', 'application/pdf').expect(201);
    });

    it('refuses a file beyond the storage cap with 413', async () => {
      const operator = await bearer('operator-disdukcapil', { tenantId, unitId: bytesUnit });
      await upload(operator, bytesUnit, pdf(randomBytes(Math.round(2.5 * MiB))), 'a.pdf', 'application/pdf').expect(201);
      const over = await upload(operator, bytesUnit, pdf(randomBytes(2 * MiB)), 'b.pdf', 'application/pdf').expect(413);
      expect(over.body.code).toBe('EVIDENCE.STORAGE_QUOTA_EXCEEDED');
      expect(over.body.title).toMatch(/berkas/i);
    });
  });
});
