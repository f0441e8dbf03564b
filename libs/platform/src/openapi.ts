import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** How a service names itself in its OpenAPI document. */
export interface HttpSurface {
  title: string;
  description: string;
}

/**
 * The service's OpenAPI document, as served at /docs-json. It needs the app's routes, not a running
 * server: the portal's API types are generated from it without a database or a broker.
 */
export function createOpenApiDocument(app: INestApplication, surface: HttpSurface): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(surface.title)
      .setDescription(surface.description)
      .setVersion('1')
      .addBearerAuth()
      .addGlobalParameters({
        name: 'X-Correlation-Id',
        in: 'header',
        required: false,
        schema: { type: 'string' },
        description: 'Propagated to logs and to every event the request causes',
      })
      .build(),
  );
}
