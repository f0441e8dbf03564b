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
  const document = SwaggerModule.createDocument(
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
  // Only a document that uses it carries it: the others' generated client types stay as they were.
  if (!JSON.stringify(document).includes(JSON_VALUE_REF.$ref)) return document;
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, [JSON_VALUE_SCHEMA]: jsonValueSchema, [JSON_OBJECT_SCHEMA]: jsonObjectSchema },
  };
  return document;
}

/** The component name of a JSON value, for figures whose shape depends on the rule that read them. */
export const JSON_VALUE_SCHEMA = 'JsonValue';
const JSON_OBJECT_SCHEMA = 'JsonObject';

/** Reference a property with it, e.g. `@ApiProperty({ type: 'object', additionalProperties: JSON_VALUE_REF })`. */
export const JSON_VALUE_REF = { $ref: `#/components/schemas/${JSON_VALUE_SCHEMA}` };
const JSON_OBJECT_REF = { $ref: `#/components/schemas/${JSON_OBJECT_SCHEMA}` };

const scalars = [{ type: 'string' as const }, { type: 'number' as const }, { type: 'boolean' as const }];

// Recursive only through objects: TypeScript refuses a type that reaches itself through an array
// element (TS2502) in the generated client, so a list holds scalars or objects, never lists.
const jsonValueSchema = {
  nullable: true,
  oneOf: [...scalars, JSON_OBJECT_REF, { type: 'array' as const, items: { oneOf: [...scalars, JSON_OBJECT_REF] } }],
};
const jsonObjectSchema = { type: 'object' as const, additionalProperties: JSON_VALUE_REF };
