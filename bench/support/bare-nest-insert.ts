/**
 * The baseline of the HTTP command benchmark (issue 4): the same NestJS and Express, a JSON body
 * validated by class-validator, and one INSERT per request through a pg pool of the services' size.
 * No auth, no event store, no relay: what a command costs with nothing but the framework and a write.
 *   node -r ts-node/register/transpile-only bench/support/bare-nest-insert.ts   (PORT, DATABASE_URL)
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Module, Post, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ArrayMaxSize, IsArray, IsString, Matches } from 'class-validator';
import { Pool } from 'pg';

class BareCommandRequest {
  @Matches(/^[A-Za-z0-9._-]{1,64}$/)
  serviceId!: string;

  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  suppliedRequirements!: string[];
}

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });

@Controller()
class BareController {
  @Post('bare-commands')
  @HttpCode(201)
  async insert(@Body() body: BareCommandRequest): Promise<{ id: string }> {
    const id = randomUUID();
    await pool.query('INSERT INTO bare_commands (id, service_id, requirements) VALUES ($1, $2, $3)', [id, body.serviceId, body.suppliedRequirements]);
    return { id };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function main(): Promise<void> {
  await pool.query(
    'CREATE TABLE IF NOT EXISTS bare_commands (id uuid PRIMARY KEY, service_id text NOT NULL, requirements text[] NOT NULL, at timestamptz NOT NULL DEFAULT now())',
  );
  const app = await NestFactory.create(BareModule, { logger: ['error'] });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true }));
  await app.listen(Number(process.env.PORT), '127.0.0.1');
}

void main();
