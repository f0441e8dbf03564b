import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PublicEndpoint } from './auth/require-permission.decorator';
import { ServiceMetrics } from './metrics';

/** Prometheus text format, scraped by the platform's monitoring. */
@ApiTags('health')
@PublicEndpoint()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly serviceMetrics: ServiceMetrics) {}

  @Get()
  @ApiOperation({ summary: 'Process, HTTP, consumer, relay and projection metrics (Prometheus text format)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string' } })
  async metrics(@Res({ passthrough: true }) response: Response): Promise<string> {
    const { registry } = this.serviceMetrics;
    response.type(registry.contentType);
    return registry.metrics();
  }
}
