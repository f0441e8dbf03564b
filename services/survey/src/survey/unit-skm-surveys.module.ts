import { Module } from '@nestjs/common';
import { UnitSkmSurveysController } from './http/unit-skm-surveys.controller';
import { ListUnitSkmSurveysHandler } from './queries/unit-skm-surveys.queries';

/** The read the web portal needs to find a unit's surveys (and their QR codes). */
@Module({ controllers: [UnitSkmSurveysController], providers: [ListUnitSkmSurveysHandler] })
export class UnitSkmSurveysModule {}
