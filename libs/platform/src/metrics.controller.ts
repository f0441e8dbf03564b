import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PublicEndpoint } from './auth/require-permission.decorator';
import { BackgroundWorkers } from './background-workers';

/** Prometheus text format, scraped by the platform's monitoring. */
@ApiTags('health')
@PublicEndpoint()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly workers: BackgroundWorkers) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiOperation({ summary: 'Consumer lag and process metrics (Prometheus text format)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string' } })
  metrics(): string {
    const lines = ['# HELP pantau_consumer_lag Messages behind the end of the partition', '# TYPE pantau_consumer_lag gauge'];
    for (const { groupId, topic, partition, lag } of this.workers.consumerLag()) {
      lines.push(`pantau_consumer_lag{group="${groupId}",topic="${topic}",partition="${partition}"} ${lag}`);
    }
    const memory = process.memoryUsage();
    lines.push('# TYPE process_resident_memory_bytes gauge', `process_resident_memory_bytes ${memory.rss}`);
    return `${lines.join('\n')}\n`;
  }
}
