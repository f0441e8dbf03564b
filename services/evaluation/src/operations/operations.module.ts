import { Global, Module } from '@nestjs/common';
import { OperationalFactsController } from './operational-facts.controller';
import { TenantTimeZones } from './tenant-time-zones';

/**
 * What evaluation learns from the request service's events: operational facts per unit and year, and
 * each tenant's time zone. Global, because the consumers are built by PlatformModule and the
 * evaluation handlers date F-01 deadlines in the tenant's zone.
 */
@Global()
@Module({
  controllers: [OperationalFactsController],
  providers: [TenantTimeZones],
  exports: [TenantTimeZones],
})
export class OperationsModule {}
