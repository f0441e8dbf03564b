import { Module } from '@nestjs/common';
import { UnitSkmSurveysController } from './http/unit-skm-surveys.controller';
import { UnitSkmSurveysReader } from './queries/unit-skm-surveys.reader';

/** The read the web portal needs to find a unit's surveys (and their QR codes). */
@Module({ controllers: [UnitSkmSurveysController], providers: [UnitSkmSurveysReader] })
export class UnitSkmSurveysModule {}
